import { Alert, Group, Paper, Text, Title } from '@mantine/core';
import type { EChartsCoreOption } from 'echarts/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Chart } from '../../app/chart.tsx';
import type { Levers } from './api.ts';
import { usePlanFormat } from './plan-format.ts';

/**
 * 因数分解: the New MRR each lever adds when pulled by the same fraction, ranked, at
 * today's supply and capacity (a lever that feeds a saturated team adds nothing).
 */
export function LeversSection({ levers, stale }: { levers: Levers; stale: boolean }) {
  const { t } = useTranslation();
  const fmt = usePlanFormat();
  const fraction = fmt.percent(levers.fraction);
  const top = levers.levers[0];
  const option = useMemo((): EChartsCoreOption => {
    // Largest first from the top: a category y axis draws its first item at the bottom.
    const ranked = [...levers.levers].reverse();
    return {
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        valueFormatter: (v: number) => fmt.signedMoney(v),
      },
      grid: { left: 8, right: 96, top: 8, bottom: 24, containLabel: true },
      xAxis: { type: 'value', axisLabel: { formatter: (v: number) => fmt.compactMoney(v) } },
      yAxis: { type: 'category', data: ranked.map((l) => t(`planning.levers.names.${l.lever}`)) },
      series: [
        {
          type: 'bar',
          name: t('planning.levers.effect', { fraction }),
          data: ranked.map((l) => ({
            value: l.change,
            itemStyle: { color: l.change > 0 ? '#4c6ef5' : '#ced4da' },
          })),
          label: {
            show: true,
            position: 'right',
            formatter: (p: { value: number }) => fmt.signedMoney(p.value),
          },
        },
      ],
    };
  }, [levers, fmt, t, fraction]);

  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      component="section"
      aria-labelledby="levers-title"
      style={{ opacity: stale ? 0.6 : 1 }}
    >
      <Group justify="space-between" align="baseline">
        <Title order={2} size="h4" id="levers-title">
          {t('planning.levers.title', { fraction })}
        </Title>
        <Text size="sm" c="dimmed" data-testid="levers-baseline">
          {t('planning.levers.baseline', { value: fmt.money(levers.baseline) })}
        </Text>
      </Group>
      <Text size="xs" c="dimmed" mb="sm">
        {t('planning.levers.hint')}
      </Text>
      {top && top.change > 0 ? (
        <Alert variant="light" color="indigo" mb="sm" data-testid="top-lever">
          {t('planning.levers.top', {
            lever: t(`planning.levers.names.${top.lever}`),
            change: fmt.signedMoney(top.change),
            ratio: fmt.percent(top.changeRatio),
          })}
        </Alert>
      ) : (
        <Alert variant="light" color="gray" mb="sm" data-testid="top-lever">
          {t('planning.levers.none')}
        </Alert>
      )}
      <Chart
        option={option}
        height={Math.max(240, levers.levers.length * 30)}
        label={t('planning.levers.chartLabel', { fraction })}
        testId="levers-chart"
      />
    </Paper>
  );
}
