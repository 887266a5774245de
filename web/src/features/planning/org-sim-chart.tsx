import { Paper, Text } from '@mantine/core';
import type { EChartsCoreOption } from 'echarts/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Chart } from '../../app/chart.tsx';
import { type OrgSim, ROLES } from './api.ts';
import { usePlanFormat } from './plan-format.ts';

type Metric = 'meanQueue' | 'meanWaitDays' | 'utilization';

/** One measure per role, Assembly Line and PODs as bars side by side. */
export function OrgRoleChart({ sim, metric }: { sim: OrgSim; metric: Metric }) {
  const { t } = useTranslation();
  const fmt = usePlanFormat();
  const option = useMemo((): EChartsCoreOption => {
    const format = (v: number) => (metric === 'utilization' ? fmt.percent(v) : fmt.decimal(v));
    const series = (['assemblyLine', 'pods'] as const).map((k, i) => ({
      type: 'bar',
      name: t(`planning.orgSim.models.${sim[k].model}`),
      itemStyle: { color: i === 0 ? '#748ffc' : '#20c997' },
      label: {
        show: true,
        position: 'top',
        formatter: (p: { value: number }) => format(p.value),
        fontSize: 10,
      },
      data: ROLES.map((role) => sim[k].roles.find((r) => r.role === role)?.[metric] ?? 0),
    }));
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => format(v) },
      legend: { top: 0 },
      grid: { left: 8, right: 8, top: 40, bottom: 24, containLabel: true },
      xAxis: { type: 'category', data: ROLES.map((r) => t(`planning.roles.${r}`)) },
      yAxis: {
        type: 'value',
        ...(metric === 'utilization'
          ? { max: 1, axisLabel: { formatter: (v: number) => fmt.percent(v) } }
          : {}),
      },
      series,
    };
  }, [sim, metric, fmt, t]);
  return (
    <Paper withBorder p="sm" radius="md">
      <Text size="sm" fw={700}>
        {t(`planning.orgSim.charts.${metric}`)}
      </Text>
      <Chart
        option={option}
        height={240}
        label={t(`planning.orgSim.charts.${metric}`)}
        testId={`org-chart-${metric}`}
      />
    </Paper>
  );
}
