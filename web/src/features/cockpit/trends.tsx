import { Box, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { EChartsCoreOption } from 'echarts/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Chart } from '../../app/chart.tsx';
import { useFormat } from '../../app/format.ts';
import { ErrorState, PageLoader } from '../../app/query-state.tsx';
import { useKpis } from './api.ts';
import { useLooseT } from './loose-t.ts';
import { periodOf, shiftPeriod } from './period.ts';

/** The last twelve months of the chain: volumes per stage, and wins with the New MRR they brought. */
export function Trends({
  today,
  fyStart,
  deferred = false,
}: {
  today: string;
  fyStart: number;
  /** Wait before asking (the page's first sections go first). */
  deferred?: boolean;
}) {
  const { t } = useTranslation();
  const tx = useLooseT();
  const fmt = useFormat();
  // Below the fold: asked and drawn once scrolled into view, so the sections at the top
  // get the embedded database and the main thread to themselves while the page loads.
  // Watched only once the sections above have their content (before that it is in view
  // anyway); a new observer reports the layout as it is then.
  const ref = useRef<HTMLDivElement>(null);
  const [seen, setSeen] = useState(false);
  useEffect(() => {
    if (deferred || seen || !ref.current) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setSeen(true);
    });
    observer.observe(ref.current);
    return () => observer.disconnect();
  }, [deferred, seen]);
  const first = shiftPeriod(periodOf(today, 'month', fyStart, today), 11, fyStart, today).start;
  const kpis = useKpis({ by: 'month', from: first, to: today }, seen);
  const months = useMemo(() => kpis.data?.periods ?? [], [kpis.data]);
  const monthName = useMemo(
    () => new Intl.DateTimeFormat(fmt.locale, { year: '2-digit', month: 'short', timeZone: 'UTC' }),
    [fmt.locale],
  );
  const x = useMemo(
    () => months.map((p) => monthName.format(new Date(`${p.period}-01T00:00:00Z`))),
    [months, monthName],
  );
  const volumes = useMemo(
    () =>
      ({
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
        xAxis: { type: 'category', data: x },
        yAxis: { type: 'value', minInterval: 1 },
        series: (['leads', 'mqls', 'sqls'] as const).map((k) => ({
          name: tx(`cockpit.trends.${k}`),
          type: 'line',
          smooth: true,
          data: months.map((p) => p.counts[k]),
        })),
      }) satisfies EChartsCoreOption,
    [x, months, tx],
  );
  const revenue = useMemo(
    () =>
      ({
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
        xAxis: { type: 'category', data: x },
        yAxis: [
          { type: 'value', axisLabel: { formatter: (v: number) => fmt.money(v) } },
          { type: 'value', minInterval: 1, splitLine: { show: false } },
        ],
        series: [
          {
            name: t('cockpit.trends.newMrr'),
            type: 'bar',
            data: months.map((p) => p.counts.newMrr),
            tooltip: { valueFormatter: (v: number) => fmt.money(v) },
          },
          {
            name: t('cockpit.trends.wins'),
            type: 'line',
            yAxisIndex: 1,
            data: months.map((p) => p.counts.wins),
          },
        ],
      }) satisfies EChartsCoreOption,
    [x, months, t, fmt],
  );
  return (
    <Paper
      ref={ref}
      withBorder
      p="md"
      radius="md"
      component="section"
      aria-labelledby="trends-title"
      data-testid="trends"
    >
      <Stack gap={2} mb="sm">
        <Title order={2} size="h4" id="trends-title">
          {t('cockpit.trends.title')}
        </Title>
        <Text size="xs" c="dimmed">
          {t('cockpit.trends.hint')}
        </Text>
      </Stack>
      {!seen ? (
        <Box h={280} />
      ) : kpis.isPending ? (
        <PageLoader />
      ) : kpis.error ? (
        <ErrorState error={kpis.error} onRetry={() => void kpis.refetch()} />
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <Chart
            option={volumes}
            label={t('cockpit.trends.volumesLabel')}
            height={280}
            testId="trend-volumes"
          />
          <Chart
            option={revenue}
            label={t('cockpit.trends.revenueLabel')}
            height={280}
            testId="trend-revenue"
          />
        </SimpleGrid>
      )}
    </Paper>
  );
}
