import { Paper, SimpleGrid, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import { useFormat } from '../../app/format.ts';
import { KEYS, type QueueItem, type Task } from './api.ts';

const SOON = 2 * 3_600_000;

function Stat({
  label,
  value,
  color,
  testId,
}: {
  label: string;
  value: string;
  color?: string;
  testId: string;
}) {
  return (
    <Paper withBorder p="md" radius="md">
      <Text size="xs" c="dimmed" fw={600}>
        {label}
      </Text>
      <Text fz={26} fw={700} c={color} className="num" ta="left" data-testid={testId}>
        {value}
      </Text>
    </Paper>
  );
}

/** The day at a glance: queue size, SLA breaches and near misses (live), tasks due today. */
export function QueueStats({
  items,
  total,
  now,
  userId,
}: {
  items: QueueItem[];
  total: number;
  now: number;
  userId: string;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  // Shares the tasks panel's query: one request for both.
  const tasks = useQuery({
    queryKey: [...KEYS.tasks, userId],
    queryFn: () => api<Task[]>('/workbench/tasks', { query: { userId } }),
  });
  const left = items.filter((i) => i.slaDueAt).map((i) => new Date(i.slaDueAt!).getTime() - now);
  const overdue = left.filter((ms) => ms < 0).length;
  const soon = left.filter((ms) => ms >= 0 && ms < SOON).length;
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
      <Stat label={t('insideSales.queue.statTotal')} value={fmt.number(total)} testId="stat-total" />
      <Stat
        label={t('insideSales.queue.statOverdue')}
        value={fmt.number(overdue)}
        color={overdue > 0 ? 'red' : undefined}
        testId="stat-overdue"
      />
      <Stat
        label={t('insideSales.queue.statDueSoon')}
        value={fmt.number(soon)}
        color={soon > 0 ? 'orange' : undefined}
        testId="stat-due-soon"
      />
      <Stat
        label={t('insideSales.queue.statTasks')}
        value={tasks.data ? fmt.number(tasks.data.length) : t('common.none')}
        testId="stat-tasks"
      />
    </SimpleGrid>
  );
}
