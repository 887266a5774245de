import { Badge, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import { Chart } from '../../app/chart.tsx';
import { useFormat } from '../../app/format.ts';
import { ErrorState, PageLoader } from '../../app/query-state.tsx';
import type { ScoreExplanation } from './api.ts';

/** Fit and engagement drivers side by side: which rules made this lead an MQL. */
export function useScore(personId: string | null) {
  return useQuery({
    queryKey: ['/people', personId, 'score'],
    queryFn: () => api<ScoreExplanation>(`/people/${personId}/score`),
    enabled: Boolean(personId),
  });
}

export function ScoreBreakdown({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const score = useScore(personId);
  const option = useMemo(() => {
    if (!score.data) return null;
    const rows = [
      ...score.data.fit.map((c) => ({ ...c, group: t('insideSales.handoff.fitRules') })),
      ...score.data.topRules.map((c) => ({ ...c, group: t('insideSales.handoff.behaviourRules') })),
    ].reverse();
    return {
      grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'item' },
      xAxis: { type: 'value', show: false },
      yAxis: {
        type: 'category',
        data: rows.map((r) => r.label),
        axisLabel: { width: 180, overflow: 'truncate' },
      },
      series: [
        {
          type: 'bar',
          data: rows.map((r) => ({
            value: Math.round(r.points * 10) / 10,
            name: r.label,
            itemStyle: { color: r.group === t('insideSales.handoff.fitRules') ? '#5c7cfa' : '#12b886' },
          })),
          label: { show: true, position: 'right', formatter: (p: { value: number }) => fmt.number(p.value) },
        },
      ],
    };
  }, [score.data, t, fmt]);

  if (score.isPending) return <PageLoader />;
  if (score.error) return <ErrorState error={score.error} onRetry={() => void score.refetch()} />;
  const s = score.data;
  const bars = s.fit.length + s.topRules.length;
  return (
    <Stack gap="xs" data-testid="score-breakdown">
      <Group gap="lg">
        <Text size="sm">
          {t('insideSales.handoff.grade')}: <b>{s.grade}</b>
        </Text>
        <Text size="sm">
          {t('insideSales.handoff.fitPoints')}: <b className="num">{fmt.number(s.fitPoints)}</b>
        </Text>
        <Text size="sm">
          {t('insideSales.handoff.engagement')}: <b className="num">{fmt.number(Math.round(s.engagement))}</b>
        </Text>
        {s.mql ? (
          <Badge variant="light" color={s.mql === 'hand_raise' ? 'grape' : 'indigo'}>
            {s.mql === 'hand_raise' ? t('insideSales.handoff.handRaise') : t('insideSales.handoff.scoreMql')}
          </Badge>
        ) : null}
      </Group>
      {option && bars > 0 ? (
        <Chart
          option={option}
          height={Math.max(120, bars * 30 + 24)}
          label={t('insideSales.handoff.chartLabel')}
        />
      ) : null}
    </Stack>
  );
}
