const EXTRA_SERIES = new Set(['heatmap', 'pie', 'scatter']);
const EXTRA_COMPONENTS = ['dataZoom', 'visualMap'];
const EXTRA_MARKS = ['markArea', 'markLine'];

const list = (value: unknown): Record<string, unknown>[] =>
  (Array.isArray(value) ? value : value ? [value] : []) as Record<string, unknown>[];

/** Whether an echarts option draws something outside the core set of echarts-setup.ts. */
export function needsExtras(option: Record<string, unknown>): boolean {
  if (EXTRA_COMPONENTS.some((key) => list(option[key]).length > 0)) return true;
  return list(option.series).some(
    (s) => EXTRA_SERIES.has(String(s.type)) || EXTRA_MARKS.some((mark) => s[mark] !== undefined),
  );
}
