import { Badge, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import { ErrorState, PageLoader } from '../../app/query-state.tsx';
import type { ScenarioComparison as Comparison } from './api.ts';
import { ComparisonChart } from './comparison-chart.tsx';
import { COMPARISON_ROWS, cellText, differs } from './comparison-rows.ts';
import { usePlanFormat } from './plan-format.ts';

const SECTIONS = ['target', 'assumptions', 'outcome'] as const;

/** Scenarios side by side; what differs from the first (the baseline) is highlighted with its change. */
export function ScenarioComparison({ ids }: { ids: string[] }) {
  const { t } = useTranslation();
  const fmt = usePlanFormat();
  const query = useQuery({
    queryKey: ['/plan/scenarios', 'compare', ids],
    queryFn: () => api<Comparison>('/plan/scenarios/compare', { query: { ids: ids.join(',') } }),
  });
  if (query.isPending) return <PageLoader />;
  if (query.error) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const c = query.data;
  const base = c.scenarios[0]!;

  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      component="section"
      aria-labelledby="compare-title"
      data-testid="comparison"
    >
      <Title order={2} size="h4" id="compare-title">
        {t('planning.compare.title')}
      </Title>
      <Stack gap={2} mb="md" mt={4}>
        {c.differences.map((d) => {
          const s = c.scenarios.find((x) => x.id === d.id);
          return (
            <Text key={d.id} size="sm" c="dimmed" data-testid="difference-summary">
              {t('planning.compare.summary', {
                name: s?.name,
                base: base.name,
                assumptions: d.assumptions.length + d.target.length,
                outcome: d.outcome.length,
              })}
            </Text>
          );
        })}
      </Stack>
      <ComparisonChart comparison={c} />
      <Table.ScrollContainer minWidth={320 + c.scenarios.length * 180}>
        <Table verticalSpacing={6} withColumnBorders data-testid="comparison-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={260}>{t('planning.compare.item')}</Table.Th>
              {c.scenarios.map((s, i) => (
                <Table.Th key={s.id} style={{ textAlign: 'right' }}>
                  <Group gap={6} justify="flex-end" wrap="nowrap">
                    <span>{s.name}</span>
                    {i === 0 ? (
                      <Badge size="xs" variant="outline">
                        {t('planning.compare.baseline')}
                      </Badge>
                    ) : null}
                  </Group>
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {SECTIONS.map((section) => (
              <Fragment key={section}>
                <Table.Tr bg="gray.1">
                  <Table.Th colSpan={c.scenarios.length + 1}>
                    {t(`planning.compare.sections.${section}`)}
                  </Table.Th>
                </Table.Tr>
                {COMPARISON_ROWS.filter((r) => r.section === section).map((row) => {
                  const rowDiffers = c.scenarios.some((_, i) => differs(row, c, i));
                  return (
                    <Table.Tr key={row.key} data-testid={`compare-row-${row.key}`} data-differs={rowDiffers}>
                      <Table.Td>
                        <Group gap={6} wrap="nowrap">
                          <Text size="sm">{row.label(t)}</Text>
                          {rowDiffers ? (
                            <Badge size="xs" color="yellow" variant="light">
                              {t('planning.compare.differs')}
                            </Badge>
                          ) : null}
                        </Group>
                      </Table.Td>
                      {c.scenarios.map((s, i) => {
                        const diff = differs(row, c, i);
                        const { value, delta } = cellText(row, s, base, fmt, t);
                        return (
                          <Table.Td
                            key={s.id}
                            className="num"
                            bg={diff ? 'yellow.1' : undefined}
                            data-diff={diff}
                            fw={diff ? 700 : undefined}
                          >
                            {value}
                            {diff && delta ? (
                              <Text span size="xs" c="dimmed" ml={6} fw={400}>
                                ({delta})
                              </Text>
                            ) : null}
                          </Table.Td>
                        );
                      })}
                    </Table.Tr>
                  );
                })}
              </Fragment>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
