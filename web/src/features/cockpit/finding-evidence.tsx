import { SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { EChartsCoreOption } from 'echarts/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Chart } from '../../app/chart.tsx';
import { useFormat } from '../../app/format.ts';
import type { Finding } from './api.ts';
import { useDuration } from './duration.ts';
import { balanceVsOutflow, controlBand, pair, rateVsBaseline } from './evidence-charts.ts';
import { useLooseT } from './loose-t.ts';
import { useApiPeriodName } from './period-picker.tsx';
import { useStageLabels } from './stage-labels.ts';

const n = (v: unknown) => (typeof v === 'number' ? v : 0);
const counts = (v: unknown) => (v as { forward?: number; exits?: number } | undefined) ?? {};

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={600} className="num" ta="left" data-testid="evidence-value">
        {value}
      </Text>
    </div>
  );
}

/** The numbers a detector used for one finding, with a chart where a number alone says too little. */
export function FindingEvidence({ finding }: { finding: Finding }) {
  const { t } = useTranslation();
  const tx = useLooseT();
  const fmt = useFormat();
  const duration = useDuration();
  const { label } = useStageLabels('lead');
  const periodName = useApiPeriodName();
  const e = finding.evidence;
  const k = (key: string) => tx(`cockpit.evidence.${key}`);
  let stats: [string, string][] = [];
  let chart: EChartsCoreOption | null = null;
  let table: ReactNode = null;
  switch (finding.kind) {
    case 'conversion_drop': {
      const c = counts(e.current);
      const b = counts(e.baseline);
      stats = [
        [
          k('currentRate'),
          `${fmt.percent(n(e.currentRate))} (${fmt.number(n(c.forward))} / ${fmt.number(n(c.exits))})`,
        ],
        [
          k('baselineRate'),
          `${fmt.percent(n(e.baselineRate))} (${fmt.number(n(b.forward))} / ${fmt.number(n(b.exits))})`,
        ],
        [k('z'), fmt.number(n(e.z))],
        [k('pValue'), fmt.number(n(e.pValue))],
      ];
      chart = rateVsBaseline(
        [k('baseline'), k('current')],
        [n(e.baselineRate), n(e.currentRate)],
        fmt.percent,
      );
      break;
    }
    case 'inventory_buildup': {
      const periods = ((e.periods as string[] | undefined) ?? []).map(periodName);
      const balance = (e.balance as number[] | undefined) ?? [];
      const outflow = (e.outflow as number[] | undefined) ?? [];
      const dwell = (e.medianDwellHours as (number | null)[] | undefined) ?? [];
      table = (
        <Table verticalSpacing={4} withTableBorder maw={560} data-testid="evidence-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{k('period')}</Table.Th>
              <Table.Th ta="right">{k('balance')}</Table.Th>
              <Table.Th ta="right">{k('outflow')}</Table.Th>
              <Table.Th ta="right">{k('medianDwell')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {periods.map((p, i) => (
              <Table.Tr key={p}>
                <Table.Td>{p}</Table.Td>
                <Table.Td className="num">{fmt.number(balance[i] ?? 0)}</Table.Td>
                <Table.Td className="num">{fmt.number(outflow[i] ?? 0)}</Table.Td>
                <Table.Td className="num">{duration(dwell[i] ?? null)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      );
      chart = balanceVsOutflow(periods, balance, outflow, [k('balance'), k('outflow')]);
      break;
    }
    case 'capacity_overload':
      stats = [
        [k('demand'), fmt.number(n(e.demand))],
        [k('capacity'), fmt.number(n(e.capacity))],
        [k('utilisation'), fmt.percent(n(e.utilisation))],
      ];
      chart = pair([k('demand'), k('capacity')], [n(e.demand), n(e.capacity)], fmt.number);
      break;
    case 'supply_shortage':
      stats = [
        [k('targetNewMrr'), fmt.money(n(e.targetNewMrr))],
        [k('mqls'), fmt.number(n(e.mqls))],
        [k('mqlsNeeded'), fmt.number(n(e.mqlsNeeded))],
        [k('mqlToWon'), fmt.percent(n(e.mqlToWon))],
        [k('mrrPerWin'), fmt.money(Math.round(n(e.mrrPerWin)))],
      ];
      chart = pair([k('mqls'), k('mqlsNeeded')], [n(e.mqls), n(e.mqlsNeeded)], fmt.number);
      break;
    case 'sla_breach':
      stats = [
        [k('overdueCount'), fmt.number(n(e.count))],
        [k('maxOverdue'), duration(n(e.maxHoursOverdue))],
        [k('stage'), finding.stage ? label(finding.stage) : t('common.none')],
      ];
      break;
    case 'pipeline_hygiene':
      stats = [
        [k('deals'), fmt.number(n(e.deals))],
        [k('pipelineMrr'), fmt.money(n(e.pipelineMrr))],
        [k('winRate'), e.winRate === null ? t('common.none') : fmt.percent(n(e.winRate))],
      ];
      break;
    case 'anomaly': {
      const band = (e.band as [number, number] | undefined) ?? [0, 0];
      const series = e.series as { days: string[]; values: number[] } | undefined;
      const flagged = new Set(((e.outliers as { day: string }[] | undefined) ?? []).map((o) => o.day));
      stats = [
        [k('mean'), fmt.number(n(e.mean))],
        [k('sigma'), fmt.number(n(e.sigma))],
        [k('band'), `${fmt.number(band[0])} – ${fmt.number(band[1])}`],
      ];
      if (series) {
        chart = controlBand(series.days, series.values, band, n(e.mean), flagged, {
          value: k('dailyInflow'),
          band: k('band'),
          mean: k('mean'),
        });
      }
      break;
    }
  }
  return (
    <Stack gap="xs" data-testid="finding-evidence">
      <Title order={4} size="h6">
        {t('cockpit.evidence.title')}
      </Title>
      <Text size="xs" c="dimmed">
        {tx(`cockpit.evidence.rules.${finding.kind}`)}
      </Text>
      {table}
      <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
        {stats.map(([l, v]) => (
          <Stat key={l} label={l} value={v} />
        ))}
      </SimpleGrid>
      {chart ? (
        <Chart
          option={chart}
          height={finding.kind === 'anomaly' || finding.kind === 'inventory_buildup' ? 220 : 140}
          label={t('cockpit.evidence.chartLabel')}
          testId="evidence-chart"
        />
      ) : null}
    </Stack>
  );
}
