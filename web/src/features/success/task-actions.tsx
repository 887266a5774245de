import { Button, Stack } from '@mantine/core';
import { type QueryClient, useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import { ErrorState } from '../../app/query-state.tsx';
import { SUCCESS_KEYS, type Task } from './api.ts';

/** After a change, every list and figure of this area is read again. */
export function refreshSuccess(client: QueryClient) {
  return Promise.all(SUCCESS_KEYS.map((queryKey) => client.invalidateQueries({ queryKey })));
}

/**
 * Completes a task. An onboarding checklist item goes through Customer Success (it stamps
 * first value and may finish onboarding); any other task is simply closed.
 */
export function useCompleteTask() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (task: Pick<Task, 'id' | 'kind'>) =>
      api<unknown>(
        task.kind === 'onboarding'
          ? `/success/onboarding-tasks/${task.id}/complete`
          : `/tasks/${task.id}/complete`,
        { method: 'POST' },
      ),
    onSuccess: () => refreshSuccess(client),
  });
}

/** A "done" button for one task, with the API's message under it when it is refused. */
export function CompleteTaskButton({ task, label }: { task: Pick<Task, 'id' | 'kind'>; label: string }) {
  const { t } = useTranslation();
  const complete = useCompleteTask();
  return (
    <Stack gap={4} align="flex-end">
      <Button
        size="compact-sm"
        variant="light"
        onClick={() => complete.mutate(task)}
        loading={complete.isPending}
        aria-label={`${t('success.tasks.complete')}: ${label}`}
      >
        {t('success.tasks.complete')}
      </Button>
      {complete.error ? <ErrorState error={complete.error} /> : null}
    </Stack>
  );
}
