import { Box, Loader } from '@mantine/core';
import type { EChartsCoreOption } from 'echarts/core';
import { useEffect, useRef, useState } from 'react';
import { needsExtras } from './chart-needs.ts';

type ECharts = ReturnType<typeof import('echarts/core').init>;

/** Starts loading the chart library; pages call it early so the first chart draws sooner. */
export const loadCharts = () => import('./echarts-setup.ts');

/**
 * One echarts chart, rendered as SVG (its labels are real text: readable by screen readers
 * and by browser tests). The library is loaded on first use; `onClick` receives the clicked
 * item's echarts params (series type, name, data).
 */
export function Chart({
  option,
  height = 320,
  label,
  onClick,
  testId,
}: {
  option: EChartsCoreOption;
  height?: number;
  /** What the chart shows, for assistive technology. */
  label: string;
  onClick?: (params: { name: string; seriesName?: string; dataType?: string; data: unknown }) => void;
  testId?: string;
}) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const [ready, setReady] = useState(false);
  const click = useRef(onClick);
  click.current = onClick;

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | undefined;
    void loadCharts().then(({ echarts }) => {
      if (disposed || !host.current) return;
      const instance = echarts.init(host.current, undefined, { renderer: 'svg' });
      instance.on('click', (p) => click.current?.(p as never));
      chart.current = instance;
      observer = new ResizeObserver(() => instance.resize());
      observer.observe(host.current);
      setReady(true);
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    if (!ready) return;
    let stale = false;
    const draw = () => {
      if (!stale) chart.current?.setOption(option, { notMerge: true });
    };
    if (needsExtras(option as Record<string, unknown>)) void import('./echarts-extras.ts').then(draw);
    else draw();
    return () => {
      stale = true;
    };
  }, [ready, option]);

  return (
    <Box pos="relative" h={height} role="img" aria-label={label} data-testid={testId}>
      <div ref={host} style={{ width: '100%', height: '100%' }} />
      {ready ? null : (
        <Loader
          size="sm"
          pos="absolute"
          top="50%"
          left="50%"
          style={{ transform: 'translate(-50%, -50%)' }}
        />
      )}
    </Box>
  );
}
