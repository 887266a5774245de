import { NumberInput, Select, SimpleGrid, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import { FormModal, fieldErrorsOf } from '../../app/form-modal.tsx';
import { useFormat } from '../../app/format.ts';
import { CAMPAIGN_STATUSES, type Campaign, type CampaignInput, CHANNELS } from './api.ts';

const EMPTY: CampaignInput = {
  name: '',
  channel: 'seminar',
  status: 'planned',
  startsOn: null,
  endsOn: null,
  cost: 0,
};

/** Create (no `campaign`) or edit a campaign; an edit sends the version it read. */
export function CampaignForm({ campaign, onClose }: { campaign: Campaign | null; onClose: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const client = useQueryClient();
  const [form, setForm] = useState<CampaignInput>(
    campaign
      ? {
          name: campaign.name,
          channel: campaign.channel,
          status: campaign.status,
          startsOn: campaign.startsOn,
          endsOn: campaign.endsOn,
          cost: campaign.cost,
        }
      : EMPTY,
  );
  const save = useMutation({
    mutationFn: () =>
      campaign
        ? api<Campaign>(`/campaigns/${campaign.id}`, {
            method: 'PATCH',
            body: { ...form, version: campaign.version },
          })
        : api<Campaign>('/campaigns', { method: 'POST', body: form }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['/campaigns'] });
      onClose();
    },
  });
  const fieldErrors = fieldErrorsOf(save.error);
  const set = <K extends keyof CampaignInput>(key: K, value: CampaignInput[K]) =>
    setForm((f) => ({ ...f, [key]: value }));

  return (
    <FormModal
      onClose={onClose}
      title={campaign ? t('campaigns.editTitle') : t('campaigns.new')}
      size="lg"
      onSubmit={() => save.mutate()}
      error={save.error}
      pending={save.isPending}
      submitLabel={campaign ? t('common.save') : t('common.create')}
    >
      <TextInput
        label={t('campaigns.name')}
        required
        data-autofocus
        value={form.name}
        onChange={(e) => set('name', e.currentTarget.value)}
        error={fieldErrors.name}
      />
      <SimpleGrid cols={2}>
        <Select
          label={t('campaigns.channel')}
          required
          allowDeselect={false}
          data={CHANNELS.map((c) => ({ value: c, label: t(`channels.${c}`) }))}
          value={form.channel}
          onChange={(v) => v && set('channel', v as CampaignInput['channel'])}
          error={fieldErrors.channel}
        />
        <Select
          label={t('campaigns.status')}
          allowDeselect={false}
          data={CAMPAIGN_STATUSES.map((s) => ({ value: s, label: t(`campaignStatuses.${s}`) }))}
          value={form.status}
          onChange={(v) => v && set('status', v as CampaignInput['status'])}
          error={fieldErrors.status}
        />
        <TextInput
          label={t('campaigns.startsOn')}
          type="date"
          value={form.startsOn ?? ''}
          onChange={(e) => set('startsOn', e.currentTarget.value || null)}
          error={fieldErrors.startsOn}
        />
        <TextInput
          label={t('campaigns.endsOn')}
          type="date"
          value={form.endsOn ?? ''}
          onChange={(e) => set('endsOn', e.currentTarget.value || null)}
          error={fieldErrors.endsOn}
        />
      </SimpleGrid>
      <NumberInput
        label={t('campaigns.cost')}
        description={t('campaigns.costHint', { currency: fmt.currency })}
        min={0}
        allowDecimal={false}
        thousandSeparator=","
        value={form.cost}
        onChange={(v) => set('cost', typeof v === 'number' ? v : Number(v) || 0)}
        error={fieldErrors.cost}
      />
    </FormModal>
  );
}
