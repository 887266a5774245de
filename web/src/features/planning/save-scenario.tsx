import { Anchor, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../app/api.ts';
import { FormModal, fieldErrorsOf } from '../../app/form-modal.tsx';
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
  const fieldErrors = fieldErrorsOf(save.error);
  return (
    <FormModal
      onClose={onClose}
      title={t('planning.save.title')}
      onSubmit={() => save.mutate()}
      error={save.error}
      pending={save.isPending}
      submitLabel={t('common.save')}
      submitDisabled={!name.trim()}
    >
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
    </FormModal>
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
