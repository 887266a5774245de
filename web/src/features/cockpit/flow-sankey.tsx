import { Stack, Text, Title } from '@mantine/core';
import type { EChartsCoreOption } from 'echarts/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Chart } from '../../app/chart.tsx';
import type { Lifecycle, StageDefinition, StagePeriod } from './api.ts';
import { useLooseT } from './loose-t.ts';
import { sankeyOf } from './sankey.ts';

const OFF_RAMP = '#e8590c';
const RETURN = '#7048e8';
const SUCCESS = '#4263eb';

/** Where records went from each stage in the period, off-ramps and recycling included. */
export function FlowSankey({
  stages,
  rows,
  label,
  lifecycle,
}: {
  stages: StageDefinition[];
  rows: Record<string, StagePeriod>;
  label: (key: string) => string;
  lifecycle: Lifecycle;
}) {
  const { t } = useTranslation();
  const tx = useLooseT();
  const graph = useMemo(() => sankeyOf(stages, [rows]), [stages, rows]);
  const option = useMemo(() => {
    const name = (id: string) => {
      const n = graph.nodes.find((x) => x.id === id);
      return n?.isReturn ? t('cockpit.sankey.backTo', { stage: label(n.stage) }) : label(id);
    };
    return {
      tooltip: { trigger: 'item', triggerOn: 'mousemove' },
      series: [
        {
          type: 'sankey',
          left: 8,
          right: 150,
          nodeGap: 14,
          top: 8,
          bottom: 8,
          nodeAlign: 'justify',
          emphasis: { focus: 'adjacency' },
          lineStyle: { color: 'gradient', curveness: 0.5, opacity: 0.35 },
          label: { fontSize: 12 },
          data: graph.nodes.map((n) => ({
            name: name(n.id),
            itemStyle: { color: n.isReturn ? RETURN : n.offRamp ? OFF_RAMP : SUCCESS },
          })),
          links: graph.links.map((l) => ({ source: name(l.source), target: name(l.target), value: l.value })),
        },
      ],
    } satisfies EChartsCoreOption;
  }, [graph, label, t]);
  return (
    <Stack gap={4} data-testid="flow-sankey">
      <Title order={3} size="h5">
        {t('cockpit.sankey.title')}
      </Title>
      <Text size="xs" c="dimmed">
        {t('cockpit.sankey.hint')}
      </Text>
      {graph.links.length === 0 ? (
        <Text size="sm" c="dimmed" py="md">
          {t('cockpit.sankey.empty')}
        </Text>
      ) : (
        <Chart
          option={option}
          height={lifecycle === 'customer' ? 260 : 380}
          label={t('cockpit.sankey.chartLabel', { lifecycle: tx(`cockpit.lifecycles.${lifecycle}`) })}
          testId="sankey-chart"
        />
      )}
    </Stack>
  );
}
