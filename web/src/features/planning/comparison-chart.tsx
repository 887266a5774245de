import type { EChartsCoreOption } from 'echarts/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Chart } from '../../app/chart.tsx';
import type { ScenarioComparison } from './api.ts';
import { usePlanFormat } from './plan-format.ts';

/** Each scenario's target beside its simulated P10 / P50 / P90: which plan is within reach. */
export function ComparisonChart({ comparison }: { comparison: ScenarioComparison }) {
  const { t } = useTranslation();
  const fmt = usePlanFormat();
  const option = useMemo((): EChartsCoreOption => {
    const s = comparison.scenarios;
    const series = [
      { name: t('planning.probability.target'), color: '#e03131', data: s.map((x) => x.target.newMrr) },
      { name: t('planning.probability.p10'), color: '#bac8ff', data: s.map((x) => x.outcome.p10) },
      { name: t('planning.probability.p50'), color: '#5c7cfa', data: s.map((x) => x.outcome.p50) },
      { name: t('planning.probability.p90'), color: '#364fc7', data: s.map((x) => x.outcome.p90) },
    ];
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => fmt.money(v) },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 36, bottom: 24, containLabel: true },
      xAxis: { type: 'category', data: s.map((x) => x.name) },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => fmt.compactMoney(v) } },
      series: series.map((x) => ({ type: 'bar', name: x.name, data: x.data, itemStyle: { color: x.color } })),
    };
  }, [comparison, fmt, t]);
  return <Chart option={option} height={240} label={t('planning.compare.chartLabel')} />;
}
