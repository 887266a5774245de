import type { EChartsCoreOption } from 'echarts/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Chart } from '../../app/chart.tsx';
import type { PlanSimulation } from './api.ts';
import { usePlanFormat } from './plan-format.ts';

/**
 * The simulated New MRR of every run as a histogram: runs at or above the target in the
 * strong colour, P10–P90 shaded, the median and the target as lines — how far the likely
 * outcomes sit from the plan.
 */
export function HistogramChart({ result }: { result: PlanSimulation }) {
  const { t } = useTranslation();
  const fmt = usePlanFormat();
  const option = useMemo((): EChartsCoreOption => {
    const bins = result.histogram;
    const lo = Math.min(bins[0]?.from ?? 0, result.target);
    const hi = Math.max(bins[bins.length - 1]?.to ?? 0, result.target);
    const pad = (hi - lo) * 0.05 || hi * 0.05 || 1;
    return {
      tooltip: {
        trigger: 'item',
        formatter: (p: { dataIndex: number }) => {
          const b = bins[p.dataIndex];
          return b
            ? t('planning.probability.binTooltip', {
                from: fmt.money(b.from),
                to: fmt.money(b.to),
                runs: fmt.number(b.count),
              })
            : '';
        },
      },
      grid: { left: 8, right: 24, top: 32, bottom: 24, containLabel: true },
      xAxis: {
        type: 'value',
        min: Math.max(0, lo - pad),
        max: hi + pad,
        axisLabel: { formatter: (v: number) => fmt.compactMoney(v) },
      },
      yAxis: { type: 'value', name: t('planning.probability.runsAxis'), minInterval: 1 },
      series: [
        {
          type: 'bar',
          name: t('planning.probability.newMrr'),
          barWidth: '96%',
          data: bins.map((b) => ({
            value: [(b.from + b.to) / 2, b.count],
            itemStyle: { color: b.from >= result.target ? '#4c6ef5' : '#bac8ff' },
          })),
          markArea: {
            silent: true,
            itemStyle: { color: 'rgba(76, 110, 245, 0.06)' },
            label: { position: 'insideTop', color: '#4c6ef5', fontSize: 10 },
            data: [[{ name: t('planning.probability.band'), xAxis: result.p10 }, { xAxis: result.p90 }]],
          },
          markLine: {
            symbol: 'none',
            silent: true,
            data: [
              {
                xAxis: result.target,
                lineStyle: { color: '#e03131', type: 'dashed', width: 2 },
                label: {
                  formatter: `${t('planning.probability.target')} ${fmt.compactMoney(result.target)}`,
                },
              },
              {
                xAxis: result.p50,
                lineStyle: { color: '#364fc7', width: 1 },
                label: { formatter: t('planning.probability.p50') },
              },
            ],
          },
        },
      ],
    };
  }, [result, fmt, t]);
  return (
    <Chart
      option={option}
      height={240}
      label={t('planning.probability.chartLabel')}
      testId="probability-chart"
    />
  );
}
