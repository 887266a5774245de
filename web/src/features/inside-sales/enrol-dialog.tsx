import { Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, type Page } from '../../app/api.ts';
import { ErrorState } from '../../app/query-state.tsx';
import { type Person, personName } from '../people/api.ts';
import { type Cadence, KEYS } from './api.ts';

/** Enrols one lead, found by name or email; the API refuses leads who opted out and says so. */
export function EnrolDialog({
  cadence,
  onClose,
  onDone,
}: {
  cadence: Cadence;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const [picked, setPicked] = useState<{ value: string; label: string; name: string } | null>(null);
  const personId = picked?.value ?? null;
  // Picking an option writes its label into the search box: that is not a new search.
  const term = picked && q === picked.label ? '' : q;
  const people = useQuery({
    queryKey: ['/people', 'enrol-search', term],
    queryFn: () => api<Page<Person>>('/people', { query: { q: term, limit: 20, sort: 'lastName' } }),
    placeholderData: keepPreviousData,
  });
  const found = (people.data?.items ?? []).map((p) => ({
    value: p.id,
    name: personName(p) || p.email || t('people.unnamed'),
    label: [personName(p) || t('people.unnamed'), p.email].filter(Boolean).join(' · '),
  }));
  const options = picked && !found.some((o) => o.value === picked.value) ? [picked, ...found] : found;
  const enrol = useMutation({
    mutationFn: () => api(`/cadences/${cadence.id}/enrolments`, { method: 'POST', body: { personId } }),
    onSuccess: async () => {
      await Promise.all([KEYS.tasks, KEYS.queue].map((k) => client.invalidateQueries({ queryKey: k })));
      onDone(t('insideSales.cadences.enrolled', { lead: picked?.name ?? '', name: cadence.name }));
    },
  });
  const fieldErrors = enrol.error instanceof ApiError ? enrol.error.fieldErrors() : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    enrol.mutate();
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('insideSales.cadences.enrolTitle', { name: cadence.name })}
      size="lg"
    >
      <form onSubmit={submit} data-testid="enrol-dialog">
        <Stack>
          <Text size="sm" c="dimmed">
            {t('insideSales.cadences.enrolHint')}
          </Text>
          <Select
            label={t('insideSales.cadences.person')}
            placeholder={t('insideSales.cadences.personPlaceholder')}
            searchable
            withAsterisk
            data-autofocus
            data={options.map(({ value, label }) => ({ value, label }))}
            value={personId}
            searchValue={search}
            onSearchChange={setSearch}
            // The API searched already; show its answers as they are.
            filter={({ options: all }) => all}
            onChange={(value) => setPicked(options.find((o) => o.value === value) ?? null)}
            nothingFoundMessage={people.isFetching ? t('common.loading') : t('people.emptyFilteredTitle')}
            error={fieldErrors.personId}
          />
          {enrol.error ? <ErrorState error={enrol.error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={enrol.isPending} disabled={!personId}>
              {t('insideSales.cadences.enrol')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
