import { Badge, Button, Code, CopyButton, Group, Paper, Table, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import { ConfirmDialog } from '../../app/confirm.tsx';
import { CursorListBody, SortableTh, useCursorList } from '../../app/cursor-list.tsx';
import { useFormat } from '../../app/format.ts';
import { SearchField, useListSearch } from '../../app/list-toolbar.tsx';
import { ListEmpty } from '../../app/query-state.tsx';
import { ActionsTh, EditButton } from '../../app/table-parts.tsx';
import type { TrackingForm } from './api.ts';
import { FormEditor } from './form-editor.tsx';
import { formPostUrl } from './snippets.ts';

/** Forms and the URL each one posts to. */
export function FormsSection() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const client = useQueryClient();
  const { q, setQ, search } = useListSearch();
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
          <SearchField
            aria-label={t('setup.tracking.formsSearch')}
            placeholder={t('setup.tracking.formsSearch')}
            value={q}
            onChange={setQ}
            w={220}
          />
          {createButton}
        </Group>
      </Group>
      <CursorListBody
        list={list}
        empty={
          <ListEmpty
            filtered={Boolean(search)}
            title={t('setup.tracking.formsEmptyTitle')}
            hint={t('setup.tracking.formsEmptyHint')}
            filteredTitle={t('setup.tracking.formsFilteredTitle')}
            filteredHint={t('setup.tracking.formsFilteredHint')}
            action={createButton}
          />
        }
      >
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
                <ActionsTh />
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
                      <EditButton name={f.name} onClick={() => setEditing(f)} />
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
      </CursorListBody>
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
