import { Badge, Drawer, Group, Stack, Text, ThemeIcon } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LoadMore, useCursorList } from '../../app/cursor-list.tsx';
import { useFormat } from '../../app/format.ts';
import { ErrorState, PageLoader } from '../../app/query-state.tsx';
import type { CustomerRow, SuccessTask } from './api.ts';
import { OnboardingProgress } from './onboarding-progress.tsx';
import { CompleteTaskButton } from './task-actions.tsx';
import { useTaskTitle } from './task-title.ts';

/** One account's onboarding checklist (this onboarding only), in due order, items completable here. */
export function OnboardingChecklist({
  account,
  onClose,
}: {
  account: CustomerRow | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Drawer
      opened={account !== null}
      onClose={onClose}
      position="right"
      size="lg"
      title={account ? t('success.onboarding.checklistTitle', { name: account.name }) : ''}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {account ? <ChecklistItems account={account} /> : null}
    </Drawer>
  );
}

function ChecklistItems({ account }: { account: CustomerRow }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const title = useTaskTitle();
  const list = useCursorList<SuccessTask>('/success/tasks', {
    kind: 'onboarding',
    accountId: account.id,
    sort: 'dueAt',
  });
  const started = account.onboardingStartedAt ? new Date(account.onboardingStartedAt).getTime() : 0;
  // Items of an earlier onboarding (before a churn and a comeback) belong to that one.
  const items = list.items.filter((task) => new Date(task.createdAt).getTime() >= started);
  const now = Date.now();
  if (list.isPending) return <PageLoader />;
  if (list.error && list.items.length === 0)
    return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <Stack gap="md" data-testid="onboarding-checklist">
      <OnboardingProgress
        done={account.onboardingDone}
        total={account.onboardingTotal}
        testId="checklist-progress"
      />
      <Text size="xs" c="dimmed">
        {[
          account.onbName ? t('success.onboarding.onbIs', { name: account.onbName }) : null,
          account.onboardingStartedAt
            ? t('success.onboarding.startedOn', { date: fmt.date(account.onboardingStartedAt) })
            : null,
          account.firstValueAt
            ? t('success.onboarding.firstValueOn', { date: fmt.date(account.firstValueAt) })
            : null,
        ]
          .filter(Boolean)
          .join(' · ')}
      </Text>
      <Stack gap="xs">
        {items.map((task) => {
          const done = task.status === 'done';
          const overdue = !done && task.dueAt !== null && new Date(task.dueAt).getTime() < now;
          return (
            <Group
              key={task.id}
              justify="space-between"
              wrap="nowrap"
              align="flex-start"
              data-testid="checklist-item"
              data-status={task.status}
            >
              <Group gap="sm" wrap="nowrap" align="flex-start">
                <ThemeIcon
                  color={done ? 'teal' : 'gray'}
                  variant={done ? 'filled' : 'light'}
                  radius="xl"
                  size="sm"
                  aria-hidden
                >
                  {done ? '✓' : ''}
                </ThemeIcon>
                <Stack gap={2}>
                  <Group gap={6}>
                    <Text size="sm" fw={500} td={done ? 'line-through' : undefined}>
                      {title(task)}
                    </Text>
                    {task.details.firstValue === true ? (
                      <Badge size="xs" color="grape" variant="light">
                        {t('success.onboarding.firstValueItem')}
                      </Badge>
                    ) : null}
                  </Group>
                  <Text size="xs" c={overdue ? 'red' : 'dimmed'}>
                    {done && task.completedAt
                      ? t('success.onboarding.doneOn', { date: fmt.date(task.completedAt) })
                      : task.dueAt
                        ? t('success.tasks.dueOn', { date: fmt.date(task.dueAt) })
                        : t('success.tasks.noDue')}
                    {overdue ? ` · ${t('success.tasks.overdue')}` : ''}
                  </Text>
                </Stack>
              </Group>
              {done ? (
                <Text size="xs" c="teal" fw={600}>
                  {t('success.onboarding.done')}
                </Text>
              ) : (
                <CompleteTaskButton task={task} label={title(task)} />
              )}
            </Group>
          );
        })}
      </Stack>
      <LoadMore
        count={items.length}
        hasMore={list.hasNextPage}
        loading={list.isFetchingNextPage}
        onMore={() => void list.fetchNextPage()}
      />
    </Stack>
  );
}
