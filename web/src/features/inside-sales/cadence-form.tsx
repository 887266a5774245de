import { Group, Select, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../app/api.ts';
import { FormModal, fieldErrorsOf } from '../../app/form-modal.tsx';
import { useSession } from '../../app/session.tsx';
import { type Cadence, type CadenceStep, KEYS } from './api.ts';
import { CadenceStepsEditor } from './cadence-steps.tsx';

/**
 * Cadence templates are shared outreach material, written under the campaigns grant: by
 * default Marketing and admins (src/routing/manage-cadences.ts). The API still decides;
 * this only spares others a form they could not save.
 */
export function useCanEditCadences(): boolean {
  const { user } = useSession();
  return user.roles.some((r) => r.role === 'admin' || r.role === 'manager' || r.role === 'marketing');
}

const FIRST_STEP: CadenceStep = { dayOffset: 0, channel: 'call', instructions: '' };

/** Create (no `cadence`) or edit a cadence; an edit sends the version it read. */
export function CadenceForm({
  cadence,
  onClose,
  onSaved,
}: {
  cadence: Cadence | null;
  onClose: () => void;
  onSaved: (c: Cadence) => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [name, setName] = useState(cadence?.name ?? '');
  const [status, setStatus] = useState<Cadence['status']>(cadence?.status ?? 'active');
  const [steps, setSteps] = useState<CadenceStep[]>(cadence?.steps ?? [FIRST_STEP]);
  const save = useMutation({
    mutationFn: () =>
      cadence
        ? api<Cadence>(`/cadences/${cadence.id}`, {
            method: 'PATCH',
            body: { name, status, steps, version: cadence.version },
          })
        : api<Cadence>('/cadences', { method: 'POST', body: { name, status, steps } }),
    onSuccess: async (saved) => {
      await client.invalidateQueries({ queryKey: KEYS.cadences });
      onSaved(saved);
    },
  });
  const fieldErrors = fieldErrorsOf(save.error);
  return (
    <FormModal
      onClose={onClose}
      title={cadence ? t('insideSales.cadences.editTitle') : t('insideSales.cadences.new')}
      size="xl"
      onSubmit={() => save.mutate()}
      error={save.error}
      pending={save.isPending}
      submitLabel={cadence ? t('common.save') : t('common.create')}
      onRetry={save.error instanceof ApiError && save.error.code === 'version_conflict' ? onClose : undefined}
      noValidate
      testId="cadence-form"
    >
      <Group grow align="flex-start">
        <TextInput
          label={t('insideSales.cadences.name')}
          withAsterisk
          data-autofocus
          maxLength={120}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={fieldErrors.name}
        />
        <Select
          label={t('insideSales.cadences.status')}
          allowDeselect={false}
          data={(['active', 'archived'] as const).map((s) => ({
            value: s,
            label: t(`insideSales.cadences.statuses.${s}`),
          }))}
          value={status}
          onChange={(v) => v && setStatus(v as Cadence['status'])}
          error={fieldErrors.status}
          maw={200}
        />
      </Group>
      <CadenceStepsEditor steps={steps} onChange={setSteps} errors={fieldErrors} />
    </FormModal>
  );
}
