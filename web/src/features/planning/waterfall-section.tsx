import { Group, Paper, SimpleGrid, Table, Tabs, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type ReversePlan, STAGES, STEPS } from './api.ts';
import { usePlanFormat } from './plan-format.ts';
import { WaterfallChart } from './waterfall-chart.tsx';
import { firstMonth, SHOWN, shownRows } from './waterfall-rows.ts';

/** Wins first, as the reverse calculation runs: each stage is the next one ÷ its rate. */
const REVERSE = [...STAGES].reverse();

/** The reverse waterfall: what each stage must take in over the plan, from when, and by month. */
export function WaterfallSection({ plan }: { plan: ReversePlan }) {
  const { t } = useTranslation();
  const fmt = usePlanFormat();
  const rows = shownRows(plan);
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="waterfall-title">
      <Group justify="space-between" align="baseline" mb="sm">
        <Title order={2} size="h4" id="waterfall-title">
          {t('planning.waterfall.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('planning.waterfall.summary', {
            target: fmt.money(plan.target),
            mrrPerWin: fmt.money(plan.assumptions.mrrPerWin),
          })}
        </Text>
      </Group>
      <SimpleGrid cols={{ base: 2, md: 5 }} spacing="sm" mb="md">
        {REVERSE.map((stage, i) => {
          // The rate that divides the previous card's volume into this one.
          const step = i > 0 ? STEPS[STAGES.length - 1 - i] : undefined;
          const from = firstMonth(plan, stage);
          return (
            <Paper key={stage} withBorder p="sm" radius="md" bg="gray.0" data-testid={`total-${stage}`}>
              <Text size="xs" c="dimmed" fw={600}>
                {t(`planning.stages.${stage}`)}
              </Text>
              <Text size="xl" fw={700} className="num" ta="left" data-testid={`total-${stage}-value`}>
                {fmt.volume(plan.totals[stage])}
              </Text>
              <Text size="xs" c="dimmed">
                {step
                  ? t('planning.waterfall.divided', { rate: fmt.percent(plan.assumptions.rates[step]) })
                  : t('planning.waterfall.perWin', { mrr: fmt.money(plan.assumptions.mrrPerWin) })}
              </Text>
              <Text size="xs" c="indigo">
                {from ? t('planning.waterfall.from', { month: fmt.month(from) }) : t('common.none')}
              </Text>
            </Paper>
          );
        })}
      </SimpleGrid>
      <Tabs defaultValue="chart" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="chart">{t('planning.waterfall.chartTab')}</Tabs.Tab>
          <Tabs.Tab value="table">{t('planning.waterfall.tableTab')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="chart" pt="sm">
          <WaterfallChart plan={plan} />
        </Tabs.Panel>
        <Tabs.Panel value="table" pt="sm">
          <Table.ScrollContainer minWidth={560}>
            <Table striped verticalSpacing={4} data-testid="waterfall-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('planning.waterfall.month')}</Table.Th>
                  {STAGES.map((s) => (
                    <Table.Th key={s} style={{ textAlign: 'right' }}>
                      {t(`planning.stages.${s}`)}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r) => (
                  <Table.Tr key={r.month}>
                    <Table.Td>{fmt.month(r.month)}</Table.Td>
                    {STAGES.map((s) => (
                      <Table.Td key={s} className="num">
                        {r[s] >= SHOWN ? fmt.volume(r[s]) : t('common.none')}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
              <Table.Tfoot>
                <Table.Tr>
                  <Table.Th>{t('planning.waterfall.total')}</Table.Th>
                  {STAGES.map((s) => (
                    <Table.Th key={s} className="num">
                      {fmt.volume(plan.totals[s])}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Tfoot>
            </Table>
          </Table.ScrollContainer>
        </Tabs.Panel>
      </Tabs>
    </Paper>
  );
}
