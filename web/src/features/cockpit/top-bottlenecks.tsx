import { Anchor, Badge, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../app/format.ts';
import { EmptyState, ErrorState, PageLoader } from '../../app/query-state.tsx';
import { useBottlenecks } from './api.ts';
import { useFindingText, useRoleName } from './finding-text.ts';
import { KindBadge } from './kind-badge.tsx';
import type { Period } from './period.ts';
import { periodSearch } from './use-period.ts';

const TOP = 5;

/** The bottlenecks with the most New MRR at stake in the period, each linking to its evidence. */
export function TopBottlenecks({ period, deferred = false }: { period: Period; deferred?: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const text = useFindingText();
  const role = useRoleName();
  const report = useBottlenecks(period.grain, period.to, !deferred);
  const findings = report.data?.findings ?? [];
  const search = periodSearch(period);
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="top-bottlenecks-title">
      <Group justify="space-between" align="flex-start" mb="sm">
        <Stack gap={2}>
          <Title order={2} size="h4" id="top-bottlenecks-title">
            {t('cockpit.top.title')}
          </Title>
          <Text size="xs" c="dimmed">
            {t('cockpit.top.hint')}
          </Text>
        </Stack>
        <Anchor component={Link} to={`/cockpit/bottlenecks${search}`} size="sm" data-testid="all-bottlenecks">
          {t('cockpit.top.all', { n: findings.length })}
        </Anchor>
      </Group>
      {report.isPending ? (
        <PageLoader />
      ) : report.error ? (
        <ErrorState error={report.error} onRetry={() => void report.refetch()} />
      ) : findings.length === 0 ? (
        <EmptyState title={t('cockpit.top.emptyTitle')} hint={t('cockpit.top.emptyHint')} />
      ) : (
        <Table verticalSpacing="xs" data-testid="top-bottlenecks">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('cockpit.findings.kind')}</Table.Th>
              <Table.Th>{t('cockpit.findings.finding')}</Table.Th>
              <Table.Th>{t('cockpit.findings.owner')}</Table.Th>
              <Table.Th ta="right">{t('cockpit.findings.atStake')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {findings.slice(0, TOP).map((f, i) => (
              <Table.Tr key={`${f.kind}-${f.stage}-${f.title}`}>
                <Table.Td>
                  <KindBadge kind={f.kind} />
                </Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/cockpit/bottlenecks${search}&open=${i}`} size="sm">
                    {text(f)}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Badge variant="outline" color="gray">
                    {role(f.owningRole)}
                  </Badge>
                </Table.Td>
                <Table.Td className="num" fw={600}>
                  {f.revenueAtStake === null ? t('cockpit.findings.notValued') : fmt.money(f.revenueAtStake)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
