import { Badge, Button, Code, CopyButton, Group, Paper, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import { ConfirmDialog } from '../../app/confirm.tsx';
import { LoadMore, SortableTh, useCursorList } from '../../app/cursor-list.tsx';
import { useFormat } from '../../app/format.ts';
import { EmptyState, ErrorState, PageLoader } from '../../app/query-state.tsx';
import type { TrackingForm } from './api.ts';
import { formPostUrl } from './copy-block.tsx';
import { FormEditor } from './form-editor.tsx';

/** Forms and the URL each one posts to. */
export function FormsSection() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const client = useQueryClient();
  const [q, setQ] = useState('');
  const [search] = useDebouncedValue(q, 250);
  const [sort, setSort] = useState('name');
  const [editing, setEditing] = useState<TrackingForm | 'new' | null>(null);
  const [deleting, setDeleting] = useState<TrackingForm | null>(null);
  const list = useCursorList<TrackingForm>('/forms', { q: search, sort });
  const remove = useMutation({
    mutationFn: (f: TrackingForm) =>
      api<void>(`/forms/${f.id}`, { method: 'DELETE', query: { version: f.version } }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['/forms'] });
      setDeleting(null);
    },
  });
  const createButton = <Button onClick={() => setEditing('new')}>{t('setup.tracking.newForm')}</Button>;
  return (
    <Paper withBorder p="md" radius="md">
      <Group justify="space-between" mb="sm">
        <div>
          <Title order={2} size="h4">
            {t('setup.tracking.forms')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('setup.tracking.postHint')}
          </Text>
        </div>
        <Group>
          <TextInput
            type="search"
            aria-label={t('setup.tracking.formsSearch')}
            placeholder={t('setup.tracking.formsSearch')}
            value={q}
            onChange={(e) => setQ(e.currentTarget.value)}
            w={220}
          />
          {createButton}
        </Group>
      </Group>
      {list.isPending ? (
        <PageLoader />
      ) : list.error && list.items.length === 0 ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.items.length === 0 ? (
        search ? (
          <EmptyState
            title={t('setup.tracking.formsFilteredTitle')}
            hint={t('setup.tracking.formsFilteredHint')}
          />
        ) : (
          <EmptyState
            title={t('setup.tracking.formsEmptyTitle')}
            hint={t('setup.tracking.formsEmptyHint')}
            action={createButton}
          />
        )
      ) : (
        <>
          <Table.ScrollContainer minWidth={900}>
            <Table verticalSpacing="sm" data-testid="forms-table">
              <Table.Thead>
                <Table.Tr>
                  <SortableTh field="name" sort={sort} onSort={setSort}>
                    {t('setup.tracking.formName')}
                  </SortableTh>
                  <Table.Th>{t('setup.tracking.formKind')}</Table.Th>
                  <Table.Th>{t('setup.tracking.postUrl')}</Table.Th>
                  <SortableTh field="createdAt" sort={sort} onSort={setSort}>
                    {t('setup.tracking.createdAt')}
                  </SortableTh>
                  <Table.Th>
                    <span className="visually-hidden">{t('common.edit')}</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.items.map((f) => (
                  <Table.Tr key={f.id}>
                    <Table.Td fw={500}>
                      {f.name}{' '}
                      {f.handRaise ? (
                        <Badge size="xs" variant="light" color="teal">
                          {t('setup.tracking.handRaiseBadge')}
                        </Badge>
                      ) : null}
                    </Table.Td>
                    <Table.Td ff="monospace">{f.kind}</Table.Td>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <Code>{formPostUrl(f.formKey)}</Code>
                        <CopyButton value={formPostUrl(f.formKey)}>
                          {({ copied, copy }) => (
                            <Button
                              size="compact-xs"
                              variant="subtle"
                              onClick={copy}
                              aria-label={`${t('setup.tracking.copy')}: ${f.name}`}
                            >
                              {copied ? t('setup.tracking.copied') : t('setup.tracking.copy')}
                            </Button>
                          )}
                        </CopyButton>
                      </Group>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{fmt.date(f.createdAt)}</Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          onClick={() => setEditing(f)}
                          aria-label={`${t('common.edit')}: ${f.name}`}
                        >
                          {t('common.edit')}
                        </Button>
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          color="red"
                          aria-label={t('setup.tracking.deleteForm', { name: f.name })}
                          onClick={() => {
                            remove.reset();
                            setDeleting(f);
                          }}
                        >
                          ×
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
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
      {editing ? (
        <FormEditor form={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      ) : null}
      {deleting ? (
        <ConfirmDialog
          message={t('setup.tracking.deleteFormConfirm', { name: deleting.name })}
          confirmLabel={t('setup.tracking.deleteForm', { name: deleting.name })}
          onConfirm={() => remove.mutate(deleting)}
          onClose={() => setDeleting(null)}
          pending={remove.isPending}
          error={remove.error}
        />
      ) : null}
    </Paper>
  );
}
