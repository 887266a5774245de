import type { EChartsCoreOption } from 'echarts/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Chart } from '../../app/chart.tsx';
import { type ReversePlan, STAGES } from './api.ts';
import { usePlanFormat } from './plan-format.ts';
import { SHOWN, shownRows } from './waterfall-rows.ts';

const COLORS = ['#748ffc', '#4dabf7', '#38d9a9', '#fcc419', '#ff8787'];

/**
 * One line per stage over the months: when each volume must enter. A log scale keeps
 * wins readable beside leads that are tens of times larger; the target period is shaded.
 */
export function WaterfallChart({ plan }: { plan: ReversePlan }) {
  const { t } = useTranslation();
  const fmt = usePlanFormat();
  const option = useMemo((): EChartsCoreOption => {
    const rows = shownRows(plan);
    const months = rows.map((r) => fmt.month(r.month));
    const targetMonths = rows.filter((r) => r.won > 0).map((r) => fmt.month(r.month));
    return {
      color: COLORS,
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v: number | null) => (v === null ? t('common.none') : fmt.volume(v)),
      },
      legend: { top: 0, right: 0 },
      grid: { left: 56, right: 24, top: 56, bottom: 32 },
      xAxis: { type: 'category', data: months },
      yAxis: {
        type: 'log',
        name: t('planning.waterfall.axis'),
        nameTextStyle: { align: 'left' },
        axisLabel: { formatter: (v: number) => fmt.decimal(v) },
      },
      series: STAGES.map((stage, i) => ({
        type: 'line',
        name: t(`planning.stages.${stage}`),
        // A log axis has no zero: months without volume are left empty.
        data: rows.map((r) => (r[stage] >= SHOWN ? r[stage] : null)),
        connectNulls: false,
        symbolSize: 6,
        ...(i === 0 && targetMonths.length
          ? {
              markArea: {
                silent: true,
                itemStyle: { color: 'rgba(76, 110, 245, 0.07)' },
                label: { color: '#4c6ef5', position: 'insideTop' },
                data: [
                  [
                    { name: t('planning.waterfall.targetPeriod'), xAxis: targetMonths[0] },
                    { xAxis: targetMonths[targetMonths.length - 1] },
                  ],
                ],
              },
            }
          : {}),
      })),
    };
  }, [plan, fmt, t]);
  return (
    <Chart option={option} height={340} label={t('planning.waterfall.chartLabel')} testId="waterfall-chart" />
  );
}
