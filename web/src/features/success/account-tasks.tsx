import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LoadMore, useCursorList } from '../../app/cursor-list.tsx';
import { useFormat } from '../../app/format.ts';
import { ErrorState, PageLoader } from '../../app/query-state.tsx';
import type { SuccessTask } from './api.ts';
import { CompleteTaskButton } from './task-actions.tsx';
import { TaskKindBadge } from './task-kind-badge.tsx';
import { useTaskTitle } from './task-title.ts';

/** The account's open Customer Success tasks, soonest due first, each closable here. */
export function AccountTasks({ accountId }: { accountId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const title = useTaskTitle();
  const list = useCursorList<SuccessTask>('/success/tasks', { accountId, status: 'open', sort: 'dueAt' }, 10);
  const now = Date.now();
  return (
    <Paper withBorder p="md" radius="md">
      <Title order={3} size="h5" mb="sm">
        {t('success.panel.tasksTitle')}
      </Title>
      {list.isPending ? (
        <PageLoader />
      ) : list.error && list.items.length === 0 ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('success.panel.noTasks')}
        </Text>
      ) : (
        <Stack gap="xs">
          {list.items.map((task) => {
            const overdue = task.dueAt !== null && new Date(task.dueAt).getTime() < now;
            return (
              <Group key={task.id} justify="space-between" wrap="nowrap" align="flex-start">
                <Stack gap={2}>
                  <Group gap="xs">
                    <TaskKindBadge kind={task.kind} />
                    <Text size="sm">{title(task)}</Text>
                  </Group>
                  <Text size="xs" c={overdue ? 'red' : 'dimmed'}>
                    {task.dueAt
                      ? t('success.tasks.dueOn', { date: fmt.date(task.dueAt) })
                      : t('success.tasks.noDue')}
                    {overdue ? (
                      <Badge color="red" variant="light" size="xs" ml={6}>
                        {t('success.tasks.overdue')}
                      </Badge>
                    ) : null}
                    {task.assigneeName ? ` · ${task.assigneeName}` : ''}
                  </Text>
                </Stack>
                <CompleteTaskButton task={task} label={title(task)} />
              </Group>
            );
          })}
          <LoadMore
            count={list.items.length}
            hasMore={list.hasNextPage}
            loading={list.isFetchingNextPage}
            onMore={() => void list.fetchNextPage()}
          />
        </Stack>
      )}
    </Paper>
  );
}
