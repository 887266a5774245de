import { Group, Paper, Progress, Skeleton, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import { useFormat } from '../../app/format.ts';
import { ErrorState } from '../../app/query-state.tsx';
import { KEYS, type SlotUsage } from './api.ts';

/** Colour of the gauge: room left, getting full, full (IS works 80 half-hour slots a week). */
const meterColor = (rate: number) =>
  rate >= 1 ? 'red' : rate >= 0.85 ? 'orange' : rate >= 0.6 ? 'yellow' : 'teal';

/** The rep's half-hour slots used this week against their capacity, as a gauge. */
export function SlotMeter({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const slots = useQuery({
    queryKey: [...KEYS.slots, userId],
    queryFn: () => api<SlotUsage>('/workbench/slots', { query: { userId } }),
  });
  if (slots.isPending) return <Skeleton h={112} radius="md" />;
  if (slots.error) return <ErrorState error={slots.error} onRetry={() => void slots.refetch()} />;
  const s = slots.data;
  const rate = s.capacity > 0 ? s.used / s.capacity : 0;
  // The week ends at the next Monday 00:00; show the Sunday it closes on.
  const lastDay = new Date(new Date(s.weekEnd).getTime() - 1).toISOString();
  return (
    <Paper withBorder p="md" radius="md" data-testid="slot-meter">
      <Stack gap={6}>
        <Group justify="space-between" align="baseline">
          <Text size="sm" fw={600}>
            {t('insideSales.slots.title')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('insideSales.slots.week', { from: fmt.date(s.weekStart), to: fmt.date(lastDay) })}
          </Text>
        </Group>
        <Group justify="space-between" align="baseline">
          <Text fz={26} fw={700} className="num" data-testid="slot-used">
            {t('insideSales.slots.used', { used: fmt.number(s.used), capacity: fmt.number(s.capacity) })}
          </Text>
          {s.utilisation !== null ? (
            <Text size="sm" c={rate >= 1 ? 'red' : 'dimmed'}>
              {t('insideSales.slots.utilisation', { rate: fmt.percent(s.utilisation) })}
            </Text>
          ) : null}
        </Group>
        {s.capacity > 0 ? (
          <>
            <Progress
              value={Math.min(100, rate * 100)}
              color={meterColor(rate)}
              size="lg"
              radius="xl"
              aria-label={t('insideSales.slots.label')}
              aria-valuetext={t('insideSales.slots.used', { used: s.used, capacity: s.capacity })}
            />
            <Text size="xs" c={rate >= 1 ? 'red' : 'dimmed'}>
              {rate > 1
                ? t('insideSales.slots.over')
                : t('insideSales.slots.free', {
                    free: fmt.number(s.free),
                    hours: fmt.number((s.free * s.slotMinutes) / 60),
                  })}
            </Text>
          </>
        ) : (
          <Text size="xs" c="dimmed">
            {t('insideSales.slots.noCapacity')}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
