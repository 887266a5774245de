import { Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal, fieldErrorsOf } from '../../app/form-modal.tsx';

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
  const fieldErrors = fieldErrorsOf(error);
  return (
    <FormModal
      onClose={onClose}
      title={`${t('insideSales.activity.noteTitle')}: ${lead}`}
      onSubmit={() => onSave(notes.trim())}
      error={error}
      pending={pending}
      submitLabel={t('insideSales.activity.save')}
      submitDisabled={!notes.trim()}
    >
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
    </FormModal>
  );
}
