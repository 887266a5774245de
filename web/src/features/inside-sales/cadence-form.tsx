import { Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../app/api.ts';
import { ErrorState } from '../../app/query-state.tsx';
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
  return user.roles.some((r) => r.role === 'admin' || r.role === 'marketing');
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
  const fieldErrors = save.error instanceof ApiError ? save.error.fieldErrors() : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={cadence ? t('insideSales.cadences.editTitle') : t('insideSales.cadences.new')}
      size="xl"
    >
      <form onSubmit={submit} data-testid="cadence-form" noValidate>
        <Stack>
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
          {save.error ? (
            <ErrorState
              error={save.error}
              onRetry={
                save.error instanceof ApiError && save.error.code === 'version_conflict' ? onClose : undefined
              }
            />
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {cadence ? t('common.save') : t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
