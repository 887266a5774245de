import { Select, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Page } from '../../app/api.ts';
import { FormModal, fieldErrorsOf } from '../../app/form-modal.tsx';
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
  const fieldErrors = fieldErrorsOf(enrol.error);
  return (
    <FormModal
      onClose={onClose}
      title={t('insideSales.cadences.enrolTitle', { name: cadence.name })}
      size="lg"
      onSubmit={() => enrol.mutate()}
      error={enrol.error}
      pending={enrol.isPending}
      submitLabel={t('insideSales.cadences.enrol')}
      submitDisabled={!personId}
      testId="enrol-dialog"
    >
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
    </FormModal>
  );
}
