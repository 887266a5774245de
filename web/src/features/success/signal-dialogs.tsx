import { NumberInput, Select, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Page } from '../../app/api.ts';
import { FormModal, fieldErrorsOf } from '../../app/form-modal.tsx';
import { useFormat } from '../../app/format.ts';
import type { User } from '../../app/session.tsx';
import type { ExpansionSignal } from './api.ts';
import { refreshSuccess } from './task-actions.tsx';

/** The AEs and AMs who can work an expansion deal. */
function useSellers() {
  return useQuery({
    queryKey: ['/users', 'sellers'],
    queryFn: () =>
      api<Page<User>>('/users', { query: { status: 'active', limit: 200, sort: 'displayName' } }),
    select: (page) => page.items.filter((u) => u.roles.some((r) => r.role === 'ae' || r.role === 'am')),
    staleTime: 300_000,
  });
}

/** Accepting a signal opens an expansion opportunity for an AE or AM (default: the account's AM). */
export function AcceptSignalDialog({
  signal,
  onClose,
  onAccepted,
}: {
  signal: ExpansionSignal;
  onClose: () => void;
  onAccepted: (opportunityId: string) => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const client = useQueryClient();
  const sellers = useSellers();
  const [owner, setOwner] = useState<string | null>(signal.amUserId);
  const [amount, setAmount] = useState<number>(0);
  const [closeDate, setCloseDate] = useState('');
  const [note, setNote] = useState('');
  const accept = useMutation({
    mutationFn: () =>
      api<{ opportunity: { id: string } }>(`/success/expansion-signals/${signal.id}/accept`, {
        method: 'POST',
        body: {
          version: signal.version,
          ...(owner ? { ownerUserId: owner } : {}),
          amountMrr: amount,
          ...(closeDate ? { closeDate } : {}),
          ...(note.trim() ? { note: note.trim() } : {}),
        },
      }),
    onSuccess: async (result) => {
      await refreshSuccess(client);
      onAccepted(result.opportunity.id);
    },
  });
  const errors = fieldErrorsOf(accept.error);
  return (
    <FormModal
      onClose={onClose}
      title={t('success.signals.acceptTitle', { name: signal.accountName ?? '' })}
      size="md"
      onSubmit={() => accept.mutate()}
      error={accept.error}
      pending={accept.isPending}
      submitLabel={t('success.signals.accept')}
    >
      <Text size="sm" c="dimmed">
        {t('success.signals.acceptHint')}
      </Text>
      <Select
        label={t('success.signals.owner')}
        description={t('success.signals.ownerHint')}
        data={(sellers.data ?? []).map((u) => ({ value: u.id, label: u.displayName }))}
        value={owner}
        onChange={setOwner}
        searchable
        clearable
        error={errors.ownerUserId}
        data-autofocus
      />
      <NumberInput
        label={t('success.signals.amount')}
        description={t('success.signals.amountHint', { currency: fmt.currency })}
        min={0}
        allowDecimal={false}
        thousandSeparator=","
        value={amount}
        onChange={(v) => setAmount(typeof v === 'number' ? v : Number(v) || 0)}
        error={errors.amountMrr}
      />
      <TextInput
        label={t('success.signals.closeDate')}
        type="date"
        value={closeDate}
        onChange={(e) => setCloseDate(e.currentTarget.value)}
        error={errors.closeDate}
      />
      <Textarea
        label={t('success.signals.note')}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        autosize
        minRows={2}
        maxLength={1000}
        error={errors.note}
      />
    </FormModal>
  );
}

/** Dismissing a signal needs a reason (it is kept with the signal and in the audit log). */
export function DismissSignalDialog({ signal, onClose }: { signal: ExpansionSignal; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [reason, setReason] = useState('');
  const dismiss = useMutation({
    mutationFn: () =>
      api<ExpansionSignal>(`/success/expansion-signals/${signal.id}/dismiss`, {
        method: 'POST',
        body: { version: signal.version, reason },
      }),
    onSuccess: async () => {
      await refreshSuccess(client);
      onClose();
    },
  });
  const errors = fieldErrorsOf(dismiss.error);
  return (
    <FormModal
      onClose={onClose}
      title={t('success.signals.dismissTitle', { name: signal.accountName ?? '' })}
      size="md"
      onSubmit={() => dismiss.mutate()}
      error={dismiss.error}
      pending={dismiss.isPending}
      submitLabel={t('success.signals.dismiss')}
      submitColor="red"
    >
      <Textarea
        label={t('success.signals.reason')}
        description={t('success.signals.reasonHint')}
        required
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        autosize
        minRows={2}
        maxLength={500}
        error={errors.reason}
        data-autofocus
      />
    </FormModal>
  );
}
