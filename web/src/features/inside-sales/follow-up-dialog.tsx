import { Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import { FormModal, fieldErrorsOf } from '../../app/form-modal.tsx';
import { useFormat } from '../../app/format.ts';
import { KEYS } from './api.ts';

const DAY = 86_400_000;
/** A calendar day as the date input wants it, in the browser's time zone. */
const inputDay = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** A lead that is not ready yet: pick the day it comes back to the queue (09:00 that day). */
export function FollowUpDialog({
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
  const fmt = useFormat();
  const client = useQueryClient();
  const [day, setDay] = useState(() => inputDay(new Date(Date.now() + 30 * DAY)));
  const [note, setNote] = useState('');
  const schedule = useMutation({
    mutationFn: () =>
      api(`/people/${personId}/follow-up`, {
        method: 'POST',
        body: {
          followUpAt: new Date(`${day}T09:00:00`).toISOString(),
          ...(note.trim() ? { note: note.trim() } : {}),
        },
      }),
    onSuccess: async () => {
      await Promise.all([KEYS.queue, KEYS.tasks].map((k) => client.invalidateQueries({ queryKey: k })));
      onDone(t('insideSales.followUp.created', { lead, date: fmt.calendarDate(day) }));
    },
  });
  const fieldErrors = fieldErrorsOf(schedule.error);
  return (
    <FormModal
      onClose={onClose}
      title={t('insideSales.followUp.title', { lead })}
      onSubmit={() => schedule.mutate()}
      error={schedule.error}
      pending={schedule.isPending}
      submitLabel={t('insideSales.followUp.submit')}
      submitDisabled={!day}
    >
      <Text size="sm" c="dimmed">
        {t('insideSales.followUp.intro')}
      </Text>
      <TextInput
        type="date"
        label={t('insideSales.followUp.date')}
        required
        min={inputDay(new Date(Date.now() + DAY))}
        value={day}
        onChange={(e) => setDay(e.currentTarget.value)}
        error={fieldErrors.followUpAt}
        data-autofocus
      />
      <Textarea
        label={t('insideSales.followUp.note')}
        autosize
        minRows={2}
        maxLength={2000}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        error={fieldErrors.note}
      />
    </FormModal>
  );
}
