import { Select, Switch, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Page } from '../../app/api.ts';
import { FormModal, fieldErrorsOf } from '../../app/form-modal.tsx';
import type { TrackingForm } from './api.ts';

const MEMBER_STATUSES = ['sent', 'registered', 'attended', 'responded'] as const;
const HAND_RAISE_KINDS = new Set(['demo_request', 'contact']);

/** Creates a form or edits one (the form key, and so its URL, never changes). */
export function FormEditor({ form, onClose }: { form: TrackingForm | null; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [name, setName] = useState(form?.name ?? '');
  const [kind, setKind] = useState(form?.kind ?? '');
  const [handRaise, setHandRaise] = useState<boolean | null>(form?.handRaise ?? null);
  const [campaignId, setCampaignId] = useState<string | null>(form?.campaignId ?? null);
  const [memberStatus, setMemberStatus] = useState<string>(form?.memberStatus ?? 'responded');
  const campaigns = useQuery({
    queryKey: ['/campaigns', 'options'],
    queryFn: () =>
      api<Page<{ id: string; name: string }>>('/campaigns', { query: { limit: 200, sort: 'name' } }),
  });
  const save = useMutation({
    mutationFn: () => {
      const body = {
        name,
        kind,
        handRaise: handRaise ?? HAND_RAISE_KINDS.has(kind),
        campaignId,
        memberStatus,
      };
      return form
        ? api<TrackingForm>(`/forms/${form.id}`, {
            method: 'PATCH',
            body: { version: form.version, ...body },
          })
        : api<TrackingForm>('/forms', { method: 'POST', body });
    },
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['/forms'] });
      onClose();
    },
  });
  const errors = fieldErrorsOf(save.error);
  return (
    <FormModal
      onClose={onClose}
      title={form ? t('setup.tracking.editForm', { name: form.name }) : t('setup.tracking.newForm')}
      size="lg"
      onSubmit={() => save.mutate()}
      error={save.error}
      pending={save.isPending}
      submitLabel={t('common.save')}
    >
      <TextInput
        label={t('setup.tracking.formName')}
        required
        data-autofocus
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        error={errors.name}
      />
      <TextInput
        label={t('setup.tracking.formKind')}
        description={t('setup.tracking.formKindHint')}
        required
        ff="monospace"
        value={kind}
        onChange={(e) => setKind(e.currentTarget.value.trim())}
        error={errors.kind}
      />
      <Switch
        label={t('setup.tracking.formHandRaise')}
        checked={handRaise ?? HAND_RAISE_KINDS.has(kind)}
        onChange={(e) => setHandRaise(e.currentTarget.checked)}
      />
      <Select
        label={t('setup.tracking.formCampaign')}
        placeholder={t('setup.tracking.formCampaignNone')}
        clearable
        searchable
        data={(campaigns.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
        value={campaignId}
        onChange={setCampaignId}
        error={errors.campaignId}
      />
      <Select
        label={t('setup.tracking.formMemberStatus')}
        data={MEMBER_STATUSES.map((s) => ({ value: s, label: t(`setup.tracking.memberStatuses.${s}`) }))}
        value={memberStatus}
        allowDeselect={false}
        disabled={!campaignId}
        onChange={(v) => v && setMemberStatus(v)}
      />
    </FormModal>
  );
}
