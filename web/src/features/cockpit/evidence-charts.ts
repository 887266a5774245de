import type { EChartsCoreOption } from 'echarts/core';

/** Current rate against its baseline, as two bars on a percent axis. */
export function rateVsBaseline(
  names: [string, string],
  values: [number, number],
  percent: (n: number) => string,
) {
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => percent(v) },
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', max: 1, axisLabel: { formatter: (v: number) => percent(v) } },
    yAxis: { type: 'category', data: names },
    series: [
      {
        type: 'bar',
        data: [
          { value: values[0], itemStyle: { color: '#adb5bd' } },
          { value: values[1], itemStyle: { color: '#fa5252' } },
        ],
        label: { show: true, position: 'right', formatter: (p: { value: number }) => percent(p.value) },
      },
    ],
  } satisfies EChartsCoreOption;
}

/** Balance against out-flow period by period. */
export function balanceVsOutflow(
  periods: string[],
  balance: number[],
  outflow: number[],
  names: [string, string],
) {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: periods },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: names[0], type: 'line', data: balance, label: { show: true } },
      { name: names[1], type: 'bar', data: outflow, barMaxWidth: 28 },
    ],
  } satisfies EChartsCoreOption;
}

/** Two quantities side by side (demand against capacity, MQLs against what the plan needs). */
export function pair(names: [string, string], values: [number, number], format: (n: number) => string) {
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => format(v) },
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', data: names },
    series: [
      {
        type: 'bar',
        data: [
          { value: values[0], itemStyle: { color: '#4263eb' } },
          { value: values[1], itemStyle: { color: '#adb5bd' } },
        ],
        label: { show: true, position: 'right', formatter: (p: { value: number }) => format(p.value) },
      },
    ],
  } satisfies EChartsCoreOption;
}

/** Daily values with the control band shaded and the flagged days marked. */
export function controlBand(
  days: string[],
  values: number[],
  band: [number, number],
  mean: number,
  flagged: Set<string>,
  names: { value: string; band: string; mean: string },
) {
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: days, axisLabel: { formatter: (d: string) => d.slice(5) } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        name: names.value,
        type: 'line',
        data: values.map((v, i) =>
          flagged.has(days[i]!) ? { value: v, symbolSize: 10, itemStyle: { color: '#fa5252' } } : v,
        ),
        markArea: {
          silent: true,
          itemStyle: { color: 'rgba(66, 99, 235, 0.08)' },
          data: [[{ yAxis: Math.max(0, band[0]), name: names.band }, { yAxis: band[1] }]],
        },
        markLine: {
          silent: true,
          symbol: 'none',
          data: [{ yAxis: mean, name: names.mean }],
          label: { formatter: names.mean },
        },
      },
    ],
  } satisfies EChartsCoreOption;
}
