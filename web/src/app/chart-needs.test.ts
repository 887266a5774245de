import { describe, expect, it } from 'vitest';
import { needsExtras } from './chart-needs.ts';

describe('which charts need the extra echarts modules', () => {
  it('draws bars, lines, funnels and sankeys with the core set', () => {
    expect(needsExtras({ series: [{ type: 'bar' }, { type: 'line' }] })).toBe(false);
    expect(needsExtras({ series: { type: 'sankey' } })).toBe(false);
    expect(needsExtras({ tooltip: {}, legend: {} })).toBe(false);
  });

  it('loads the extras for pies, heatmaps, scatters, zoom, visual maps and mark lines or areas', () => {
    expect(needsExtras({ series: [{ type: 'bar' }, { type: 'pie' }] })).toBe(true);
    expect(needsExtras({ series: [{ type: 'heatmap' }], visualMap: { min: 0 } })).toBe(true);
    expect(needsExtras({ series: [{ type: 'line' }], dataZoom: [{ type: 'inside' }] })).toBe(true);
    expect(needsExtras({ series: [{ type: 'line', markLine: { data: [] } }] })).toBe(true);
    expect(needsExtras({ series: [{ type: 'bar', markArea: { data: [] } }] })).toBe(true);
  });
});
