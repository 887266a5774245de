import { Group, Paper, Progress, Stack, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/format.ts';
import type { KpiNode } from './api.ts';
import { formatChange, formatValue, relativeChange, signedMoney } from './kpi-format.ts';
import classes from './kpi-tree.module.css';
import { useLooseT } from './loose-t.ts';

const tone = (n: number | null) => (n === null || n === 0 ? 'dimmed' : n > 0 ? 'teal.7' : 'red.7');

/**
 * One node of the KPI tree: value, the previous period, the change, and its share of the
 * change in revenue (a bar scaled to the largest share among its siblings).
 */
export function KpiCard({ node, scale }: { node: KpiNode; scale: number }) {
  const { t } = useTranslation();
  const tx = useLooseT();
  const fmt = useFormat();
  const name = tx(`cockpit.kpi.nodes.${node.key}`, { defaultValue: node.key });
  const missing = node.value === null;
  const rel =
    node.value !== null && node.previous !== null ? relativeChange(fmt, node.value, node.previous) : null;
  const good = node.contribution ?? node.change;
  return (
    <Paper
      withBorder
      p="sm"
      radius="md"
      className={classes.card}
      data-testid={`kpi-${node.key}`}
      data-value={node.value ?? ''}
      aria-label={name}
      component="section"
    >
      <Stack gap={4}>
        <Tooltip
          label={tx(`cockpit.kpi.formulas.${node.key}`, { defaultValue: '' })}
          multiline
          w={260}
          withArrow
        >
          <Text size="xs" fw={700} c="dimmed" tabIndex={0} style={{ cursor: 'help' }}>
            {name}
          </Text>
        </Tooltip>
        {missing ? (
          <>
            <Text fw={700} fz="lg" c="dimmed" data-testid="kpi-value">
              {t('cockpit.kpi.notRecorded')}
            </Text>
            <Text size="xs" c="dimmed">
              {tx(`cockpit.kpi.reasons.${node.key}`, { defaultValue: t('cockpit.kpi.reasons.default') })}
            </Text>
          </>
        ) : (
          <>
            <Text fw={700} fz="lg" data-testid="kpi-value" className="num" ta="left">
              {formatValue(fmt, node.key, node.value!)}
            </Text>
            <Group gap={6} wrap="nowrap">
              <Text size="xs" c="dimmed">
                {t('cockpit.kpi.previous')}{' '}
                {node.previous === null ? t('common.none') : formatValue(fmt, node.key, node.previous)}
              </Text>
              {node.change !== null ? (
                <Text size="xs" fw={600} c={tone(good)} data-testid="kpi-change">
                  {formatChange(fmt, node.key, node.change, t('cockpit.kpi.points'))}
                  {rel ? ` (${rel})` : ''}
                </Text>
              ) : null}
            </Group>
          </>
        )}
        {node.contribution !== null ? (
          <Stack gap={2}>
            <Group justify="space-between" gap={4} wrap="nowrap">
              <Text size="xs" c="dimmed">
                {t('cockpit.kpi.contribution')}
              </Text>
              <Text size="xs" fw={600} c={tone(node.contribution)} data-testid="kpi-contribution">
                {signedMoney(fmt, node.contribution)}
              </Text>
            </Group>
            <Progress
              size="sm"
              value={scale > 0 ? (Math.abs(node.contribution) / scale) * 100 : 0}
              color={node.contribution >= 0 ? 'teal' : 'red'}
              aria-hidden
            />
          </Stack>
        ) : null}
      </Stack>
    </Paper>
  );
}
