import { Alert, Button, Paper, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CursorListBody, useCursorList } from '../../app/cursor-list.tsx';
import { ListToolbar, SearchField, useListSearch } from '../../app/list-toolbar.tsx';
import { PageHeader } from '../../app/page-header.tsx';
import { ListEmpty } from '../../app/query-state.tsx';
import type { Cadence } from './api.ts';
import { CadenceForm, useCanEditCadences } from './cadence-form.tsx';
import { CadenceTable } from './cadence-table.tsx';
import { EnrolDialog } from './enrol-dialog.tsx';

export default function CadencesPage() {
  const { t } = useTranslation();
  const { q, setQ, search } = useListSearch();
  const [status, setStatus] = useState<string | null>('active');
  const [sort, setSort] = useState('name');
  const [editing, setEditing] = useState<Cadence | 'new' | null>(null);
  const [enrolling, setEnrolling] = useState<Cadence | null>(null);
  const [flash, setFlash] = useState<string | null>(null);
  const list = useCursorList<Cadence>('/cadences', { q: search, status, sort });
  const filtered = Boolean(search || status);
  const canEdit = useCanEditCadences();
  const newButton = canEdit ? (
    <Button onClick={() => setEditing('new')}>{t('insideSales.cadences.new')}</Button>
  ) : null;

  return (
    <>
      <PageHeader
        title={t('insideSales.cadences.title')}
        description={t('insideSales.cadences.description')}
        actions={newButton}
      />
      <Stack gap="md">
        {canEdit ? null : (
          <Text size="sm" c="dimmed">
            {t('insideSales.cadences.readOnly')}
          </Text>
        )}
        {flash ? (
          <Alert
            color="teal"
            variant="light"
            withCloseButton
            onClose={() => setFlash(null)}
            role="status"
            data-testid="flash"
          >
            {flash}
          </Alert>
        ) : null}
        <Paper withBorder p="md" radius="md">
          <ListToolbar>
            <SearchField
              placeholder={t('insideSales.cadences.searchPlaceholder')}
              value={q}
              onChange={setQ}
            />
            <Select
              label={t('insideSales.cadences.status')}
              placeholder={t('common.all')}
              clearable
              data={(['active', 'archived'] as const).map((s) => ({
                value: s,
                label: t(`insideSales.cadences.statuses.${s}`),
              }))}
              value={status}
              onChange={setStatus}
              w={160}
            />
          </ListToolbar>
          <CursorListBody
            list={list}
            empty={
              <ListEmpty
                filtered={filtered}
                title={t('insideSales.cadences.emptyTitle')}
                hint={t('insideSales.cadences.emptyHint')}
                filteredTitle={t('insideSales.cadences.emptyFilteredTitle')}
                filteredHint={t('insideSales.cadences.emptyFilteredHint')}
                action={newButton}
              />
            }
          >
            <CadenceTable
              items={list.items}
              sort={sort}
              onSort={setSort}
              canEdit={canEdit}
              onEdit={setEditing}
              onEnrol={setEnrolling}
            />
          </CursorListBody>
        </Paper>
      </Stack>
      {editing ? (
        <CadenceForm
          cadence={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(c) => {
            setEditing(null);
            setFlash(t('insideSales.cadences.saved', { name: c.name }));
          }}
        />
      ) : null}
      {enrolling ? (
        <EnrolDialog
          cadence={enrolling}
          onClose={() => setEnrolling(null)}
          onDone={(message) => {
            setEnrolling(null);
            setFlash(message);
          }}
        />
      ) : null}
    </>
  );
}
