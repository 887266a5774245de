import type { EChartsCoreOption } from 'echarts/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Chart } from '../../app/chart.tsx';
import { useFormat } from '../../app/format.ts';
import type { KpiNode } from './api.ts';
import { useLooseT } from './loose-t.ts';

/**
 * A waterfall from the previous period's New MRR to this period's: one step per factor,
 * its height the factor's contribution (the steps add up to the change exactly).
 */
export function ContributionChart({ newMrr }: { newMrr: KpiNode }) {
  const { t } = useTranslation();
  const tx = useLooseT();
  const fmt = useFormat();
  const option = useMemo(() => {
    const factors = newMrr.children ?? [];
    const names = [
      t('cockpit.kpi.waterfall.previous'),
      ...factors.map((f) => tx(`cockpit.kpi.nodes.${f.key}`)),
      t('cockpit.kpi.waterfall.current'),
    ];
    const base: (number | string)[] = [];
    const up: (number | string)[] = [];
    const down: (number | string)[] = [];
    let level = newMrr.previous ?? 0;
    base.push(0);
    up.push(level);
    down.push('-');
    for (const f of factors) {
      const c = f.contribution ?? 0;
      const next = level + c;
      base.push(Math.min(level, next));
      up.push(c >= 0 ? c : '-');
      down.push(c < 0 ? -c : '-');
      level = next;
    }
    base.push(0);
    up.push(newMrr.value ?? 0);
    down.push('-');
    const money = (v: unknown) => (typeof v === 'number' ? fmt.money(Math.round(v)) : '');
    return {
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (items: { dataIndex: number }[]) => {
          const i = items[0]?.dataIndex ?? 0;
          const f = factors[i - 1];
          if (!f) return `${names[i]}: ${money(i === 0 ? newMrr.previous : newMrr.value)}`;
          const c = f.contribution ?? 0;
          return `${names[i]}: ${c >= 0 ? '+' : '−'}${money(Math.abs(c))}`;
        },
      },
      grid: { left: 8, right: 8, top: 16, bottom: 8, containLabel: true },
      xAxis: {
        type: 'category',
        data: names,
        axisLabel: { interval: 0, fontSize: 11, width: 80, overflow: 'break' },
      },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => fmt.money(v) } },
      series: [
        { type: 'bar', stack: 'w', data: base, itemStyle: { color: 'transparent' }, silent: true },
        { type: 'bar', stack: 'w', data: up, itemStyle: { color: '#12b886' } },
        { type: 'bar', stack: 'w', data: down, itemStyle: { color: '#fa5252' } },
      ],
    } satisfies EChartsCoreOption;
  }, [newMrr, t, fmt, tx]);
  return (
    <Chart option={option} height={260} label={t('cockpit.kpi.waterfall.label')} testId="kpi-waterfall" />
  );
}
