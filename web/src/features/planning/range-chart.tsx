import type { EChartsCoreOption } from 'echarts/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Chart } from '../../app/chart.tsx';
import type { PlanSimulation } from './api.ts';
import { usePlanFormat } from './plan-format.ts';

/**
 * The simulated New MRR as a range: P10 to P90 as a bar, P50 and the mean as marks, the
 * target as a line — how far the likely outcomes sit from it.
 */
export function RangeChart({ result }: { result: PlanSimulation }) {
  const { t } = useTranslation();
  const fmt = usePlanFormat();
  const option = useMemo((): EChartsCoreOption => {
    const category = [t('planning.probability.newMrr')];
    const max = Math.max(result.p90, result.target) * 1.1;
    return {
      tooltip: {
        trigger: 'item',
        formatter: (p: { seriesName: string; value: number | number[] }) =>
          `${p.seriesName}: ${fmt.money(Array.isArray(p.value) ? (p.value[0] ?? 0) : p.value)}`,
      },
      legend: {
        top: 0,
        data: [t('planning.probability.band'), t('planning.probability.p50'), t('planning.probability.mean')],
      },
      grid: { left: 8, right: 32, top: 40, bottom: 24, containLabel: true },
      xAxis: { type: 'value', min: 0, max, axisLabel: { formatter: (v: number) => fmt.compactMoney(v) } },
      yAxis: { type: 'category', data: category },
      series: [
        {
          type: 'bar',
          stack: 'range',
          silent: true,
          itemStyle: { color: 'transparent' },
          data: [result.p10],
          tooltip: { show: false },
        },
        {
          type: 'bar',
          stack: 'range',
          name: t('planning.probability.band'),
          barWidth: 36,
          itemStyle: { color: 'rgba(76, 110, 245, 0.35)', borderColor: '#4c6ef5' },
          data: [result.p90 - result.p10],
          tooltip: {
            formatter: () =>
              `${t('planning.probability.band')}: ${fmt.money(result.p10)} – ${fmt.money(result.p90)}`,
          },
          markLine: {
            symbol: 'none',
            lineStyle: { color: '#e03131', type: 'dashed', width: 2 },
            label: {
              formatter: () => `${t('planning.probability.target')} ${fmt.compactMoney(result.target)}`,
            },
            data: [{ xAxis: result.target }],
          },
        },
        {
          type: 'scatter',
          name: t('planning.probability.p50'),
          symbol: 'diamond',
          symbolSize: 16,
          itemStyle: { color: '#364fc7' },
          data: [[result.p50, category[0]]],
        },
        {
          type: 'scatter',
          name: t('planning.probability.mean'),
          symbol: 'circle',
          symbolSize: 10,
          itemStyle: { color: '#f08c00' },
          data: [[result.mean, category[0]]],
        },
      ],
    };
  }, [result, fmt, t]);
  return (
    <Chart
      option={option}
      height={180}
      label={t('planning.probability.chartLabel')}
      testId="probability-chart"
    />
  );
}
