import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Chart } from '../../app/chart.tsx';
import { useFormat } from '../../app/format.ts';
import type { ForecastLine } from './forecast-data.ts';

export interface NamedLine extends ForecastLine {
  key: string;
  name: string;
}

const COLORS = {
  closed: '#0ca678',
  commit: '#4263eb',
  bestCase: '#74c0fc',
  pipeline: '#ced4da',
  quota: '#e8590c',
};

/** Closed, commit, best case and pipeline stacked per owner or team, with each quota as a marker line. */
export function ForecastChart({ lines, periodLabel }: { lines: NamedLine[]; periodLabel: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const option = useMemo(() => {
    const minor =
      new Intl.NumberFormat(fmt.locale, { style: 'currency', currency: fmt.currency }).resolvedOptions()
        .maximumFractionDigits ?? 0;
    const compact = new Intl.NumberFormat(fmt.locale, {
      style: 'currency',
      currency: fmt.currency,
      notation: 'compact',
    });
    const axisMoney = (v: number) => compact.format(v / 10 ** minor);
    const stack = (key: 'closed' | 'commit' | 'bestCase' | 'pipeline', name: string) => ({
      name,
      type: 'bar',
      stack: 'forecast',
      barMaxWidth: 48,
      itemStyle: { color: COLORS[key] },
      data: lines.map((l) => l[key]),
    });
    return {
      grid: { left: 16, right: 16, top: 40, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        valueFormatter: (v: number | null) =>
          v === null || v === undefined ? t('fieldSales.forecast.noQuota') : fmt.money(v),
      },
      xAxis: {
        type: 'category',
        data: lines.map((l) => l.name),
        axisLabel: { interval: 0, width: 90, overflow: 'truncate' },
      },
      yAxis: { type: 'value', axisLabel: { formatter: axisMoney } },
      series: [
        stack('closed', t('fieldSales.forecast.closed')),
        stack('commit', t('fieldSales.forecast.commit')),
        stack('bestCase', t('fieldSales.forecast.bestCase')),
        stack('pipeline', t('fieldSales.forecast.pipeline')),
        {
          name: t('fieldSales.forecast.quota'),
          type: 'scatter',
          symbol: 'rect',
          symbolSize: [56, 3],
          z: 10,
          itemStyle: { color: COLORS.quota },
          data: lines.map((l) => l.quota),
        },
      ],
    };
  }, [lines, fmt, t]);
  return (
    <Chart
      option={option}
      height={340}
      label={t('fieldSales.forecast.chartLabel', { period: periodLabel })}
      testId="forecast-chart"
    />
  );
}
