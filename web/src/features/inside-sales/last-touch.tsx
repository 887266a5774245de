import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/format.ts';
import type { QueueItem } from './api.ts';

/** The last logged touch on a lead and how many there were: changes as soon as one is logged. */
export function LastTouch({ item }: { item: QueueItem }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const last = item.lastActivity;
  if (!last) {
    return (
      <Text size="xs" c="dimmed" data-testid="last-touch">
        {t('insideSales.queue.noActivity')}
      </Text>
    );
  }
  const what = [
    t(`insideSales.activity.types.${last.type}`),
    last.outcome ? t(`insideSales.activity.outcomes.${last.outcome}`) : null,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <Stack gap={0} data-testid="last-touch">
      <Text size="sm">{what}</Text>
      <Text size="xs" c="dimmed">
        {fmt.dateTime(last.occurredAt)} · {t('insideSales.queue.touches', { count: item.activityCount })}
      </Text>
    </Stack>
  );
}
