import { Button, Group, Modal, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../app/api.ts';
import { ErrorState } from '../../app/query-state.tsx';
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
  const fieldErrors = save.error instanceof ApiError ? save.error.fieldErrors() : {};
  const conflict = save.error instanceof ApiError && save.error.code === 'version_conflict';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <Modal opened onClose={() => onClose()} title={t('people.editTitle')} size="lg">
      <form onSubmit={submit}>
        <Stack>
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
          {save.error ? (
            <ErrorState error={save.error} onRetry={conflict ? () => onClose(true) : undefined} />
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => onClose()}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
