import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Chart } from '../../app/chart.tsx';
import { useFormat } from '../../app/format.ts';
import type { MrrPeriod } from './api.ts';

/** The movements in the bridge's order; contraction and churn take MRR away. */
export const MOVEMENTS = ['new', 'expansion', 'reactivation', 'contraction', 'churn'] as const;
const COLORS: Record<(typeof MOVEMENTS)[number] | 'start' | 'end', string> = {
  start: '#868e96',
  new: '#4c6ef5',
  expansion: '#12b886',
  reactivation: '#15aabf',
  contraction: '#f59f00',
  churn: '#fa5252',
  end: '#364fc7',
};
const isLoss = (m: string) => m === 'contraction' || m === 'churn';

/** Movements per period as stacked bars (losses below zero) with the ending MRR as a line. */
export function MrrMovementsChart({
  periods,
  labels,
  onPick,
}: {
  periods: MrrPeriod[];
  labels: string[];
  onPick: (index: number) => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => fmt.money(Math.abs(v)) },
      legend: { bottom: 0 },
      grid: { left: 72, right: 72, top: 24, bottom: 72 },
      xAxis: { type: 'category', data: labels },
      yAxis: [
        {
          type: 'value',
          name: t('success.mrr.movementsAxis'),
          axisLabel: { formatter: (v: number) => fmt.money(v) },
        },
        {
          type: 'value',
          name: t('success.mrr.endAxis'),
          axisLabel: { formatter: (v: number) => fmt.money(v) },
        },
      ],
      series: [
        ...MOVEMENTS.map((m) => ({
          name: t(`success.mrr.${m}`),
          type: 'bar',
          stack: isLoss(m) ? 'loss' : 'gain',
          itemStyle: { color: COLORS[m] },
          data: periods.map((p) => (isLoss(m) ? -p[m] : p[m])),
        })),
        {
          name: t('success.mrr.end'),
          type: 'line',
          yAxisIndex: 1,
          itemStyle: { color: COLORS.end },
          data: periods.map((p) => p.end),
        },
      ],
    }),
    [periods, labels, t, fmt],
  );
  return (
    <Chart
      option={option}
      height={320}
      label={t('success.mrr.chartLabel')}
      testId="mrr-chart"
      onClick={(p) => {
        const index = labels.indexOf(p.name);
        if (index >= 0) onPick(index);
      }}
    />
  );
}

/** One period's bridge as a waterfall: start, each movement up or down, end. */
export function MrrWaterfall({ period, label }: { period: MrrPeriod; label: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const option = useMemo(() => {
    const steps: { key: keyof typeof COLORS; base: number; value: number }[] = [
      { key: 'start', base: 0, value: period.start },
    ];
    let level = period.start;
    for (const m of MOVEMENTS) {
      const amount = period[m];
      if (isLoss(m)) level -= amount;
      steps.push({ key: m, base: level, value: amount });
      if (!isLoss(m)) level += amount;
    }
    steps.push({ key: 'end', base: 0, value: period.end });
    const names = steps.map((s) => t(`success.mrr.${s.key}`));
    // Movements are small beside the balances: start the axis near the lowest level so they show.
    const lowest = Math.min(...steps.map((s) => (s.key === 'start' || s.key === 'end' ? s.value : s.base)));
    const magnitude = 10 ** Math.max(0, Math.floor(Math.log10(Math.max(1, lowest))) - 1);
    const min = Math.floor((lowest * 0.8) / magnitude) * magnitude;
    return {
      title: { text: label, left: 'center', textStyle: { fontSize: 13 } },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (items: { name: string; dataIndex: number }[]) =>
          `${items[0]?.name ?? ''}: ${fmt.money(steps[items[0]?.dataIndex ?? 0]?.value ?? 0)}`,
      },
      grid: { left: 72, right: 16, top: 52, bottom: 36 },
      xAxis: {
        type: 'category',
        data: names,
        axisLabel: { interval: 0, fontSize: 11, width: 64, overflow: 'break' },
      },
      yAxis: { type: 'value', min, axisLabel: { formatter: (v: number) => fmt.money(v) } },
      series: [
        {
          type: 'bar',
          stack: 'bridge',
          silent: true,
          itemStyle: { color: 'transparent' },
          data: steps.map((s) => (s.key === 'start' || s.key === 'end' ? 0 : s.base)),
        },
        {
          type: 'bar',
          stack: 'bridge',
          label: {
            show: true,
            position: 'top',
            formatter: (p: { dataIndex: number }) => {
              const step = steps[p.dataIndex]!;
              return step.value === 0 ? '' : `${isLoss(step.key) ? '−' : ''}${fmt.money(step.value)}`;
            },
          },
          data: steps.map((s) => ({ value: s.value, itemStyle: { color: COLORS[s.key] } })),
        },
      ],
    };
  }, [period, label, t, fmt]);
  return (
    <Chart
      option={option}
      height={300}
      label={t('success.mrr.waterfallLabel', { period: label })}
      testId="mrr-waterfall"
    />
  );
}
