import { Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../app/api.ts';
import { useFormat } from '../../app/format.ts';
import { EmptyState, ErrorState, PageLoader } from '../../app/query-state.tsx';
import { KEYS, type Task } from './api.ts';

/** The default title the API gives a follow-up without a note (src/routing/schedule-follow-up.ts). */
const DEFAULT_FOLLOW_UP_TITLE = 'Nurture follow-up';

/** What a task says in the user's language: a cadence step by its number, channel and instructions. */
function useTaskText() {
  const { t } = useTranslation();
  return (task: Task): { title: string; detail: string | null } => {
    if (task.kind === 'cadence_step' && task.details.channel) {
      return {
        title: `${t('insideSales.tasks.step', { n: (task.details.step ?? 0) + 1 })} · ${t(`insideSales.cadences.channels.${task.details.channel}`)}`,
        detail: task.details.instructions ?? null,
      };
    }
    if (task.kind === 'nurture_follow_up') {
      return {
        title: t('insideSales.tasks.followUp'),
        detail: task.title === DEFAULT_FOLLOW_UP_TITLE ? null : task.title,
      };
    }
    return { title: task.title, detail: null };
  };
}

/** Today's open tasks of the rep (cadence steps, follow-ups), each completable by the rep. */
export function TasksPanel({ userId, now, readOnly }: { userId: string; now: number; readOnly: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const client = useQueryClient();
  const text = useTaskText();
  const tasks = useQuery({
    queryKey: [...KEYS.tasks, userId],
    queryFn: () => api<Task[]>('/workbench/tasks', { query: { userId } }),
  });
  const complete = useMutation({
    mutationFn: (id: string) => api(`/tasks/${id}/complete`, { method: 'POST' }),
    onSuccess: () =>
      Promise.all([KEYS.tasks, KEYS.queue].map((k) => client.invalidateQueries({ queryKey: k }))),
  });

  return (
    <Paper withBorder p="md" radius="md" data-testid="tasks-panel">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {t('insideSales.tasks.title')}
        </Title>
        {tasks.data ? <Badge variant="light">{fmt.number(tasks.data.length)}</Badge> : null}
      </Group>
      {complete.error ? <ErrorState error={complete.error} /> : null}
      {tasks.isPending ? (
        <PageLoader />
      ) : tasks.error ? (
        <ErrorState error={tasks.error} onRetry={() => void tasks.refetch()} />
      ) : tasks.data.length === 0 ? (
        <EmptyState title={t('insideSales.tasks.emptyTitle')} hint={t('insideSales.tasks.emptyHint')} />
      ) : (
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {tasks.data.map((task) => {
            const { title, detail } = text(task);
            const overdue = task.dueAt !== null && new Date(task.dueAt).getTime() < now;
            return (
              <Paper key={task.id} component="li" withBorder p="xs" radius="sm" data-testid="task-item">
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  <Stack gap={2} style={{ minWidth: 0 }}>
                    <Text size="sm" fw={600}>
                      {title}
                    </Text>
                    {task.personId ? (
                      <Anchor component={Link} to={`/marketing/leads/${task.personId}`} size="xs">
                        {task.personName ?? task.personEmail ?? t('people.unnamed')}
                      </Anchor>
                    ) : null}
                    {detail ? (
                      <Text size="xs" c="dimmed" lineClamp={2}>
                        {detail}
                      </Text>
                    ) : null}
                    {task.dueAt ? (
                      <Text size="xs" c={overdue ? 'red' : 'dimmed'} fw={overdue ? 600 : undefined}>
                        {overdue ? `${t('insideSales.tasks.overdue')} · ` : ''}
                        {t('insideSales.tasks.dueAt', { at: fmt.dateTime(task.dueAt) })}
                      </Text>
                    ) : null}
                  </Stack>
                  {readOnly ? null : (
                    <Button
                      size="compact-xs"
                      variant="light"
                      loading={complete.isPending && complete.variables === task.id}
                      onClick={() => complete.mutate(task.id)}
                      aria-label={t('insideSales.tasks.completeLabel', { title })}
                    >
                      {t('insideSales.tasks.complete')}
                    </Button>
                  )}
                </Group>
              </Paper>
            );
          })}
        </Stack>
      )}
    </Paper>
  );
}
