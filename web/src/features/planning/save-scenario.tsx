import { Anchor, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, api } from '../../app/api.ts';
import { ErrorState } from '../../app/query-state.tsx';
import type { PlanRequest, Scenario } from './api.ts';

/** Names the current plan and saves it with its assumptions and outcome. */
export function SaveScenarioDialog({
  request,
  onClose,
  onSaved,
}: {
  request: PlanRequest;
  onClose: () => void;
  onSaved: (scenario: Scenario) => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [name, setName] = useState('');
  const save = useMutation({
    mutationFn: () => api<Scenario>('/plan/scenarios', { method: 'POST', body: { ...request, name } }),
    onSuccess: async (scenario) => {
      await client.invalidateQueries({ queryKey: ['/plan/scenarios'] });
      onSaved(scenario);
    },
  });
  const fieldErrors = save.error instanceof ApiError ? save.error.fieldErrors() : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <Modal opened onClose={onClose} title={t('planning.save.title')}>
      <form onSubmit={submit}>
        <Stack>
          <Text size="sm" c="dimmed">
            {t('planning.save.hint')}
          </Text>
          <TextInput
            label={t('planning.save.name')}
            required
            data-autofocus
            maxLength={120}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fieldErrors.name}
          />
          {save.error ? <ErrorState error={save.error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} disabled={!name.trim()}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** After saving: which scenario, and the way to compare it. */
export function SavedNotice({ scenario }: { scenario: Scenario }) {
  const { t } = useTranslation();
  return (
    <Text size="sm" data-testid="saved-notice" role="status">
      {t('planning.save.saved', { name: scenario.name })}{' '}
      <Anchor component={Link} to={`/planning/scenarios?select=${scenario.id}`}>
        {t('planning.save.compareLink')}
      </Anchor>
    </Text>
  );
}
