import { Select, SimpleGrid, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../app/api.ts';
import { FormModal, fieldErrorsOf } from '../../app/form-modal.tsx';
import { type Person, SOURCES } from './api.ts';

const FIELDS = ['lastName', 'firstName', 'email', 'phone', 'department', 'title'] as const;
type Field = (typeof FIELDS)[number];
const LABELS: Record<Field, 'lastName' | 'firstName' | 'email' | 'phone' | 'department' | 'title_'> = {
  lastName: 'lastName',
  firstName: 'firstName',
  email: 'email',
  phone: 'phone',
  department: 'department',
  title: 'title_',
};

/** Edits a person; sends the version read, so a concurrent change gets a 409 instead of being overwritten. */
export function PersonForm({ person, onClose }: { person: Person; onClose: (reload?: boolean) => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [form, setForm] = useState<Record<Field, string>>(() => {
    const init = {} as Record<Field, string>;
    for (const f of FIELDS) init[f] = person[f] ?? '';
    return init;
  });
  const [source, setSource] = useState<string | null>(person.source);
  const save = useMutation({
    mutationFn: () => {
      const body: Record<string, unknown> = { version: person.version, source };
      for (const f of FIELDS) body[f] = form[f].trim() === '' ? null : form[f];
      return api<Person>(`/people/${person.id}`, { method: 'PATCH', body });
    },
    onSuccess: async (saved) => {
      client.setQueryData(['/people', saved.id], saved);
      await client.invalidateQueries({ queryKey: ['/people', 'list'] });
      onClose();
    },
  });
  const fieldErrors = fieldErrorsOf(save.error);
  const conflict = save.error instanceof ApiError && save.error.code === 'version_conflict';
  return (
    <FormModal
      onClose={() => onClose()}
      title={t('people.editTitle')}
      size="lg"
      onSubmit={() => save.mutate()}
      error={save.error}
      pending={save.isPending}
      submitLabel={t('common.save')}
      onRetry={conflict ? () => onClose(true) : undefined}
    >
      <SimpleGrid cols={2}>
        {FIELDS.map((f, i) => (
          <TextInput
            key={f}
            label={t(`people.${LABELS[f]}`)}
            value={form[f]}
            data-autofocus={i === 0 ? true : undefined}
            type={f === 'email' ? 'email' : f === 'phone' ? 'tel' : 'text'}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setForm((old) => ({ ...old, [f]: value }));
            }}
            error={fieldErrors[f]}
          />
        ))}
        <Select
          label={t('people.source')}
          clearable
          data={SOURCES.map((s) => ({ value: s, label: t(`sources.${s}`) }))}
          value={source}
          onChange={setSource}
          error={fieldErrors.source}
        />
      </SimpleGrid>
    </FormModal>
  );
}
