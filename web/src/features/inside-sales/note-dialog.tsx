import { Button, Group, Modal, Stack, Textarea } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.ts';
import { ErrorState } from '../../app/query-state.tsx';

/** A note needs its text; logging it is the page's mutation, so its error shows here. */
export function NoteDialog({
  lead,
  pending,
  error,
  onSave,
  onClose,
}: {
  lead: string;
  pending: boolean;
  error: unknown;
  onSave: (notes: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [notes, setNotes] = useState('');
  const fieldErrors = error instanceof ApiError ? error.fieldErrors() : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSave(notes.trim());
  };
  return (
    <Modal opened onClose={onClose} title={`${t('insideSales.activity.noteTitle')}: ${lead}`}>
      <form onSubmit={submit}>
        <Stack>
          <Textarea
            label={t('insideSales.activity.noteLabel')}
            placeholder={t('insideSales.activity.notePlaceholder')}
            required
            autosize
            minRows={3}
            maxLength={5000}
            value={notes}
            onChange={(e) => setNotes(e.currentTarget.value)}
            error={fieldErrors.notes}
            data-autofocus
          />
          {error ? <ErrorState error={error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={pending} disabled={!notes.trim()}>
              {t('insideSales.activity.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
