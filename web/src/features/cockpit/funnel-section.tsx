import { Group, Paper, SegmentedControl, Select, Stack, Text, Title } from '@mantine/core';
import type { EChartsCoreOption } from 'echarts/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Chart } from '../../app/chart.tsx';
import { EmptyState, ErrorState, PageLoader } from '../../app/query-state.tsx';
import {
  type CohortFunnel,
  type FunnelView,
  LIFECYCLES,
  type Lifecycle,
  type PeriodFunnel,
  type ReportRange,
  useFunnel,
} from './api.ts';
import { FlowSankey } from './flow-sankey.tsx';
import { CohortTable, PeriodTable } from './funnel-table.tsx';
import { useLooseT } from './loose-t.ts';
import { byOrder, useStageLabels } from './stage-labels.ts';

function periodChart(names: string[], inflow: number[], balance: number[], t: (k: string) => string) {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: names, inverse: true },
    series: [
      {
        name: t('cockpit.funnel.inflow'),
        type: 'bar',
        data: inflow,
        label: { show: true, position: 'right' },
      },
      {
        name: t('cockpit.funnel.balance'),
        type: 'bar',
        data: balance,
        label: { show: true, position: 'right' },
      },
    ],
  } satisfies EChartsCoreOption;
}

function cohortChart(data: { name: string; value: number }[]) {
  return {
    tooltip: { trigger: 'item' },
    series: [
      {
        type: 'funnel',
        sort: 'none',
        left: '10%',
        width: '80%',
        minSize: '8%',
        gap: 2,
        label: { show: true, position: 'inside', formatter: '{b}: {c}' },
        data,
      },
    ],
  } satisfies EChartsCoreOption;
}

/** The funnel of the chosen period: cohort or period view, per lifecycle, with the flows as a sankey. */
export function FunnelSection({ range }: { range: ReportRange }) {
  const { t } = useTranslation();
  const tx = useLooseT();
  const [view, setView] = useState<FunnelView>('period');
  const [lifecycle, setLifecycle] = useState<Lifecycle>('lead');
  const { label, definition, query: stagesQuery } = useStageLabels(lifecycle);
  const periodQ = useFunnel(range, 'period', lifecycle);
  const cohortQ = useFunnel(range, 'cohort', lifecycle, view === 'cohort');
  const active = view === 'period' ? periodQ : cohortQ;
  const stages = useMemo(() => byOrder(definition?.stages ?? []), [definition]);
  const entryOrder = stages.find((s) => s.key === definition?.entry)?.order ?? 0;
  const path = useMemo(
    () => stages.filter((s) => s.path === 'success' && s.order >= entryOrder).map((s) => s.key),
    [stages, entryOrder],
  );
  const periodRows = (periodQ.data as PeriodFunnel | undefined)?.periods.at(-1)?.stages;
  const cohort = cohortQ.data as CohortFunnel | undefined;
  const reached = cohort?.periods.at(-1)?.reached;

  const option = useMemo(() => {
    const names = path.map(label);
    if (view === 'period') {
      if (!periodRows) return null;
      return periodChart(
        names,
        path.map((k) => periodRows[k]?.inflow ?? 0),
        path.map((k) => periodRows[k]?.balance ?? 0),
        tx,
      );
    }
    if (!reached) return null;
    return cohortChart(path.map((k, i) => ({ name: names[i]!, value: reached[k] ?? 0 })));
  }, [view, periodRows, reached, path, label, tx]);

  const empty =
    view === 'period'
      ? periodRows && Object.values(periodRows).every((r) => r.inflow === 0 && r.balance === 0)
      : reached && Object.values(reached).every((n) => n === 0);

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="funnel-title">
      <Group justify="space-between" align="flex-end" mb="sm" wrap="wrap">
        <Stack gap={2}>
          <Title order={2} size="h4" id="funnel-title">
            {t('cockpit.funnel.title')}
          </Title>
          <Text size="xs" c="dimmed">
            {view === 'period' ? t('cockpit.funnel.periodHint') : t('cockpit.funnel.cohortHint')}
            {active.data?.definitionVersion
              ? ` ${t('cockpit.funnel.definitionVersion', { version: active.data.definitionVersion })}`
              : ''}
          </Text>
        </Stack>
        <Group gap="sm" align="flex-end">
          <Select
            label={t('cockpit.funnel.lifecycle')}
            data={LIFECYCLES.map((l) => ({ value: l, label: tx(`cockpit.lifecycles.${l}`) }))}
            value={lifecycle}
            onChange={(v) => v && setLifecycle(v as Lifecycle)}
            allowDeselect={false}
            w={180}
            data-testid="funnel-lifecycle"
          />
          <SegmentedControl
            aria-label={t('cockpit.funnel.view')}
            value={view}
            onChange={(v) => setView(v as FunnelView)}
            data={[
              { value: 'period', label: t('cockpit.funnel.views.period') },
              { value: 'cohort', label: t('cockpit.funnel.views.cohort') },
            ]}
            data-testid="funnel-view"
          />
        </Group>
      </Group>
      {active.isPending || stagesQuery.isPending ? (
        <PageLoader />
      ) : active.error || stagesQuery.error ? (
        <ErrorState error={active.error ?? stagesQuery.error} onRetry={() => void active.refetch()} />
      ) : empty ? (
        <EmptyState title={t('cockpit.funnel.emptyTitle')} hint={t('cockpit.funnel.emptyHint')} />
      ) : (
        <Stack gap="md">
          {view === 'period' && periodRows ? (
            <PeriodTable stages={stages} rows={periodRows} label={label} />
          ) : reached && cohort ? (
            <CohortTable path={path} reached={reached} conversion={cohort.conversion} label={label} />
          ) : null}
          {view === 'period' ? (
            <Text size="xs" c="dimmed">
              {t('cockpit.funnel.velocityNote')}
            </Text>
          ) : null}
          {option ? (
            <Chart
              option={option}
              height={Math.max(240, path.length * 36)}
              label={t('cockpit.funnel.chartLabel', { view: tx(`cockpit.funnel.views.${view}`) })}
              testId="funnel-chart"
            />
          ) : null}
          {periodRows ? (
            <FlowSankey stages={stages} rows={periodRows} label={label} lifecycle={lifecycle} />
          ) : null}
        </Stack>
      )}
    </Paper>
  );
}
