import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Chart } from '../../app/chart.tsx';
import { useFormat } from '../../app/format.ts';
import type { CustomerView } from './api.ts';
import { BAND_HEX } from './health-badge.tsx';

/** The score over time, with the red / yellow / green zones of the thresholds behind it. */
export function HealthHistoryChart({
  history,
  redMax,
  yellowMax,
}: {
  history: CustomerView['healthHistory'];
  redMax: number;
  yellowMax: number;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const option = useMemo(() => {
    const points = [...history].reverse();
    const zone = (from: number, to: number, color: string) => [
      { yAxis: from, itemStyle: { color, opacity: 0.08 } },
      { yAxis: to },
    ];
    return {
      grid: { left: 36, right: 16, top: 16, bottom: 28 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: points.map((p) => fmt.date(p.at)), boundaryGap: false },
      yAxis: { type: 'value', min: 0, max: 100, interval: 25 },
      series: [
        {
          name: t('success.health.score'),
          type: 'line',
          data: points.map((p) => ({ value: p.score, itemStyle: { color: BAND_HEX[p.band] } })),
          symbolSize: 7,
          lineStyle: { color: '#4c6ef5' },
          markArea: {
            silent: true,
            data: [
              zone(0, redMax, BAND_HEX.red),
              zone(redMax, yellowMax, BAND_HEX.yellow),
              zone(yellowMax, 100, BAND_HEX.green),
            ],
          },
        },
      ],
    };
  }, [history, redMax, yellowMax, fmt, t]);
  return (
    <Chart option={option} height={200} label={t('success.health.historyLabel')} testId="health-history" />
  );
}
