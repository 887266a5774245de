import { Alert, Button, Group, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadMore, useCursorList } from '../../app/cursor-list.tsx';
import { PageHeader } from '../../app/page-header.tsx';
import { EmptyState, ErrorState, PageLoader } from '../../app/query-state.tsx';
import type { Cadence } from './api.ts';
import { CadenceForm, useCanEditCadences } from './cadence-form.tsx';
import { CadenceTable } from './cadence-table.tsx';
import { EnrolDialog } from './enrol-dialog.tsx';

export default function CadencesPage() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [search] = useDebouncedValue(q, 250);
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
          <Group mb="md" gap="sm" align="flex-end">
            <TextInput
              label={t('common.search')}
              placeholder={t('insideSales.cadences.searchPlaceholder')}
              type="search"
              value={q}
              onChange={(e) => setQ(e.currentTarget.value)}
              w={280}
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
          </Group>
          {list.isPending ? (
            <PageLoader />
          ) : list.error && list.items.length === 0 ? (
            <ErrorState error={list.error} onRetry={() => void list.refetch()} />
          ) : list.items.length === 0 ? (
            filtered ? (
              <EmptyState
                title={t('insideSales.cadences.emptyFilteredTitle')}
                hint={t('insideSales.cadences.emptyFilteredHint')}
              />
            ) : (
              <EmptyState
                title={t('insideSales.cadences.emptyTitle')}
                hint={t('insideSales.cadences.emptyHint')}
                action={newButton}
              />
            )
          ) : (
            <>
              <CadenceTable
                items={list.items}
                sort={sort}
                onSort={setSort}
                canEdit={canEdit}
                onEdit={setEditing}
                onEnrol={setEnrolling}
              />
              {list.error ? <ErrorState error={list.error} /> : null}
              <LoadMore
                count={list.items.length}
                hasMore={list.hasNextPage}
                loading={list.isFetchingNextPage}
                onMore={() => void list.fetchNextPage()}
              />
            </>
          )}
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
