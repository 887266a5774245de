import { Radio, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import { FormModal, fieldErrorsOf } from '../../app/form-modal.tsx';
import { type Handoff, KEYS } from './api.ts';

const DAY = 86_400_000;
const inputDay = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/**
 * Sends a hand-off back with a reason; a lead goes to recycled (with the day to approach
 * it again) or disqualified. The API checks the contract and names what is missing.
 */
export function RejectDialog({
  handoff,
  lead,
  onClose,
  onDone,
}: {
  handoff: Handoff;
  lead: string;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [reason, setReason] = useState('');
  const [outcome, setOutcome] = useState<'recycled' | 'disqualified'>('recycled');
  const [reapproachOn, setReapproachOn] = useState(() => inputDay(new Date(Date.now() + 90 * DAY)));
  const reject = useMutation({
    mutationFn: () =>
      api<Handoff>(`/handoffs/${handoff.id}/reject`, {
        method: 'POST',
        body: {
          reason,
          outcome,
          ...(outcome === 'recycled' && reapproachOn ? { reapproachOn } : {}),
        },
      }),
    onSuccess: async () => {
      await Promise.all([KEYS.handoffs, KEYS.queue].map((k) => client.invalidateQueries({ queryKey: k })));
      onDone(t('insideSales.handoff.rejected'));
    },
  });
  const fieldErrors = fieldErrorsOf(reject.error);
  return (
    <FormModal
      onClose={onClose}
      title={t('insideSales.reject.title', { lead })}
      size="lg"
      onSubmit={() => reject.mutate()}
      error={reject.error}
      pending={reject.isPending}
      submitLabel={t('insideSales.reject.submit')}
      submitColor="red"
      noValidate
      testId="reject-dialog"
    >
      <Text size="sm" c="dimmed">
        {t('insideSales.reject.intro')}
      </Text>
      <Textarea
        label={t('insideSales.reject.reason')}
        placeholder={t('insideSales.reject.reasonPlaceholder')}
        withAsterisk
        autosize
        minRows={2}
        maxLength={1000}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        error={fieldErrors.reason}
        data-autofocus
      />
      <Radio.Group
        label={t('insideSales.reject.outcome')}
        value={outcome}
        onChange={(v) => setOutcome(v as typeof outcome)}
        error={fieldErrors.outcome}
      >
        <Stack gap="xs" mt={6}>
          <Radio value="recycled" label={t('insideSales.reject.outcomes.recycled')} />
          <Radio value="disqualified" label={t('insideSales.reject.outcomes.disqualified')} />
        </Stack>
      </Radio.Group>
      {outcome === 'recycled' ? (
        <TextInput
          type="date"
          label={t('insideSales.reject.reapproachOn')}
          value={reapproachOn}
          onChange={(e) => setReapproachOn(e.currentTarget.value)}
          error={fieldErrors.reapproachOn}
        />
      ) : null}
    </FormModal>
  );
}
