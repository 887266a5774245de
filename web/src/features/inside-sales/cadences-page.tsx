import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadMore, SortableTh, useCursorList } from '../../app/cursor-list.tsx';
import { useFormat } from '../../app/format.ts';
import { PageHeader } from '../../app/page-header.tsx';
import { EmptyState, ErrorState, PageLoader } from '../../app/query-state.tsx';
import type { Cadence } from './api.ts';
import { CadenceForm, useCanEditCadences } from './cadence-form.tsx';
import { EnrolDialog } from './enrol-dialog.tsx';

/** A cadence's steps at a glance: day and channel of each, in order. */
function StepStrip({ cadence }: { cadence: Cadence }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} aria-label={t('insideSales.cadences.stepsOf', { name: cadence.name })}>
      {cadence.steps.map((s, i) => (
        // A step is its position in the cadence.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <Tooltip key={i} label={s.instructions} multiline w={260} withArrow>
          <Badge variant="light" color="gray" size="sm" tabIndex={0}>
            {t('insideSales.cadences.dayN', { n: s.dayOffset })}{' '}
            {t(`insideSales.cadences.channels.${s.channel}`)}
          </Badge>
        </Tooltip>
      ))}
    </Group>
  );
}

export default function CadencesPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
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
              <Table.ScrollContainer minWidth={860}>
                <Table highlightOnHover verticalSpacing="sm" data-testid="cadences-table">
                  <Table.Thead>
                    <Table.Tr>
                      <SortableTh field="name" sort={sort} onSort={setSort}>
                        {t('insideSales.cadences.name')}
                      </SortableTh>
                      <Table.Th>{t('insideSales.cadences.status')}</Table.Th>
                      <Table.Th>{t('insideSales.cadences.steps')}</Table.Th>
                      <SortableTh field="createdAt" sort={sort} onSort={setSort}>
                        {t('insideSales.cadences.createdAt')}
                      </SortableTh>
                      <Table.Th>
                        <span className="visually-hidden">{t('common.edit')}</span>
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {list.items.map((c) => {
                      const span = c.steps.at(-1)?.dayOffset ?? 0;
                      return (
                        <Table.Tr key={c.id} data-testid="cadence-row">
                          <Table.Td>
                            <Text fw={600} size="sm">
                              {c.name}
                            </Text>
                            <Text size="xs" c="dimmed">
                              {t('insideSales.cadences.stepCount', { count: c.steps.length })} ·{' '}
                              {t('insideSales.cadences.span', { days: span })}
                            </Text>
                          </Table.Td>
                          <Table.Td>
                            <Badge variant="light" color={c.status === 'active' ? 'teal' : 'gray'}>
                              {t(`insideSales.cadences.statuses.${c.status}`)}
                            </Badge>
                          </Table.Td>
                          <Table.Td>
                            <StepStrip cadence={c} />
                          </Table.Td>
                          <Table.Td style={{ whiteSpace: 'nowrap' }}>{fmt.date(c.createdAt)}</Table.Td>
                          <Table.Td>
                            <Group gap={4} wrap="nowrap" justify="flex-end">
                              <Tooltip
                                label={t('insideSales.cadences.archivedNoEnrol')}
                                disabled={c.status === 'active'}
                              >
                                <Button
                                  size="compact-sm"
                                  variant="light"
                                  disabled={c.status !== 'active'}
                                  onClick={() => setEnrolling(c)}
                                  aria-label={`${t('insideSales.cadences.enrol')}: ${c.name}`}
                                >
                                  {t('insideSales.cadences.enrol')}
                                </Button>
                              </Tooltip>
                              {canEdit ? (
                                <Button
                                  size="compact-sm"
                                  variant="subtle"
                                  onClick={() => setEditing(c)}
                                  aria-label={`${t('common.edit')}: ${c.name}`}
                                >
                                  {t('common.edit')}
                                </Button>
                              ) : null}
                            </Group>
                          </Table.Td>
                        </Table.Tr>
                      );
                    })}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
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
