import { Button, Checkbox, Group, Modal, Progress, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../app/api.ts';
import { ErrorState, PageLoader } from '../../app/query-state.tsx';
import { type ChecklistItem, KEYS, type OrgModel } from './api.ts';

/**
 * The server's default opportunity definition (src/routing/floor-settings.ts). An item
 * still worded as shipped is shown in the user's language; a workspace's own wording is
 * shown as written.
 */
const DEFAULT_LABELS: Record<string, string> = {
  budget: 'Budget: the customer has or can get budget (予算)',
  authority: 'Authority: the decision maker or their path is known (決裁者)',
  need: 'Need: a business problem the product solves (ニーズ)',
  timeline: 'Timeline: a purchase timeline within 12 months (導入時期)',
  appointment: 'An appointment with Field Sales is set (アポイント)',
};
type DefaultKey = 'budget' | 'authority' | 'need' | 'timeline' | 'appointment';

/**
 * Qualifies a lead to SQL against the workspace's written opportunity definition. Every
 * item is sent as checked or not; the API refuses unmet items and names them.
 */
export function SqlDialog({
  personId,
  lead,
  onClose,
  onDone,
}: {
  personId: string;
  lead: string;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const definition = useQuery({ queryKey: ['/org-model'], queryFn: () => api<OrgModel>('/org-model') });
  const [checked, setChecked] = useState<Record<string, boolean>>({});
  const [notes, setNotes] = useState('');
  const items = definition.data?.salesFloor.opportunityDefinition ?? [];
  const create = useMutation({
    mutationFn: () =>
      api(`/people/${personId}/sql`, {
        method: 'POST',
        body: {
          checklist: Object.fromEntries(items.map((i) => [i.key, checked[i.key] === true])),
          ...(notes.trim() ? { notes: notes.trim() } : {}),
        },
      }),
    onSuccess: async () => {
      await Promise.all(
        [KEYS.queue, KEYS.slots, KEYS.tasks, KEYS.handoffs].map((k) =>
          client.invalidateQueries({ queryKey: k }),
        ),
      );
      onDone(t('insideSales.sqlDialog.created', { lead }));
    },
  });
  const fieldErrors = create.error instanceof ApiError ? create.error.fieldErrors() : {};
  const label = (i: ChecklistItem) =>
    DEFAULT_LABELS[i.key] === i.label
      ? t(`insideSales.sqlDialog.definition.${i.key as DefaultKey}`)
      : i.label;
  const met = items.filter((i) => checked[i.key]).length;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };

  return (
    <Modal opened onClose={onClose} title={t('insideSales.sqlDialog.title', { lead })} size="lg">
      {definition.isPending ? (
        <PageLoader />
      ) : definition.error ? (
        <ErrorState error={definition.error} onRetry={() => void definition.refetch()} />
      ) : (
        <form onSubmit={submit} data-testid="sql-dialog">
          <Stack>
            <Text size="sm" c="dimmed">
              {t('insideSales.sqlDialog.intro')}
            </Text>
            <Stack gap="xs" role="group" aria-label={t('insideSales.sqlDialog.title', { lead })}>
              {items.map((i) => (
                <Checkbox
                  key={i.key}
                  label={label(i)}
                  checked={checked[i.key] === true}
                  onChange={(e) => {
                    const value = e.currentTarget.checked;
                    setChecked((c) => ({ ...c, [i.key]: value }));
                  }}
                  error={fieldErrors[`checklist.${i.key}`] ? t('insideSales.sqlDialog.unmet') : undefined}
                  data-testid={`checklist-${i.key}`}
                />
              ))}
            </Stack>
            <Stack gap={4}>
              <Progress
                value={items.length ? (met / items.length) * 100 : 0}
                color={met === items.length ? 'teal' : 'yellow'}
              />
              <Text size="xs" c="dimmed" aria-live="polite">
                {t('insideSales.sqlDialog.met', { met, total: items.length })}
              </Text>
            </Stack>
            <Textarea
              label={t('insideSales.sqlDialog.notes')}
              placeholder={t('insideSales.sqlDialog.notesPlaceholder')}
              autosize
              minRows={2}
              maxLength={5000}
              value={notes}
              onChange={(e) => setNotes(e.currentTarget.value)}
              error={fieldErrors.notes}
            />
            {create.error ? <ErrorState error={create.error} /> : null}
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" color="teal" loading={create.isPending}>
                {t('insideSales.sqlDialog.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
