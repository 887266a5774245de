import { Badge, Button, Group, Paper, Table, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import { ConfirmDialog } from '../../app/confirm.tsx';
import { CursorListBody, SortableTh, useCursorList } from '../../app/cursor-list.tsx';
import { useFormat } from '../../app/format.ts';
import { ListToolbar, SearchField, useListSearch } from '../../app/list-toolbar.tsx';
import { PageHeader } from '../../app/page-header.tsx';
import { EmptyState } from '../../app/query-state.tsx';
import { type User, useSession } from '../../app/session.tsx';
import { ActionsTh } from '../../app/table-parts.tsx';
import { isRole } from './roles.ts';
import { AddUserForm, EditRolesForm } from './user-forms.tsx';

export default function UsersPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useSession();
  const client = useQueryClient();
  const { q, setQ, search } = useListSearch();
  const [sort, setSort] = useState('displayName');
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [toggling, setToggling] = useState<User | null>(null);
  const list = useCursorList<User>('/users', { q: search, sort });
  const setStatus = useMutation({
    mutationFn: (u: User) =>
      api<User>(`/users/${u.id}`, {
        method: 'PATCH',
        body: { version: u.version, status: u.status === 'active' ? 'deactivated' : 'active' },
      }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['/users'] });
      setToggling(null);
    },
  });

  return (
    <>
      <PageHeader
        title={t('users.title')}
        description={t('users.description')}
        actions={<Button onClick={() => setAdding(true)}>{t('users.add')}</Button>}
      />
      <Paper withBorder p="md" radius="md">
        <ListToolbar>
          <SearchField placeholder={t('users.searchPlaceholder')} value={q} onChange={setQ} />
        </ListToolbar>
        <CursorListBody
          list={list}
          empty={
            <EmptyState
              title={t('users.emptyTitle')}
              hint={t('users.emptyHint')}
              action={<Button onClick={() => setAdding(true)}>{t('users.add')}</Button>}
            />
          }
        >
          <Table.ScrollContainer minWidth={900}>
            <Table verticalSpacing="sm" highlightOnHover data-testid="users-table">
              <Table.Thead>
                <Table.Tr>
                  <SortableTh field="displayName" sort={sort} onSort={setSort}>
                    {t('users.name')}
                  </SortableTh>
                  <SortableTh field="email" sort={sort} onSort={setSort}>
                    {t('users.email')}
                  </SortableTh>
                  <Table.Th>{t('users.roles')}</Table.Th>
                  <Table.Th>{t('users.status')}</Table.Th>
                  <Table.Th>{t('users.lastLogin')}</Table.Th>
                  <ActionsTh />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.items.map((u) => (
                  <Table.Tr key={u.id} opacity={u.status === 'active' ? 1 : 0.6}>
                    <Table.Td>
                      <Text size="sm" fw={500} span>
                        {u.displayName}
                      </Text>
                      {u.id === me.user.id ? (
                        <Badge size="xs" variant="outline" ml={6}>
                          {t('users.you')}
                        </Badge>
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c="dimmed">
                        {u.email}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {u.roles.map((r) => (
                          <Badge
                            key={`${r.role}:${r.teamId ?? ''}`}
                            variant="light"
                            color={r.role === 'admin' ? 'grape' : 'indigo'}
                            title={
                              r.capacity === null
                                ? undefined
                                : t('users.capacity', { capacity: fmt.number(r.capacity) })
                            }
                          >
                            {isRole(r.role) ? t(`roles.${r.role}`) : r.role}
                          </Badge>
                        ))}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="dot" color={u.status === 'active' ? 'green' : 'gray'}>
                        {u.status === 'active' ? t('users.active') : t('users.deactivated')}
                      </Badge>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {u.lastLoginAt ? fmt.dateTime(u.lastLoginAt) : t('users.never')}
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap" justify="flex-end">
                        <Button size="compact-sm" variant="subtle" onClick={() => setEditing(u)}>
                          {t('users.editRoles')}
                        </Button>
                        {u.id !== me.user.id ? (
                          <Button
                            size="compact-sm"
                            variant="subtle"
                            color={u.status === 'active' ? 'red' : 'green'}
                            onClick={() => {
                              setStatus.reset();
                              setToggling(u);
                            }}
                          >
                            {u.status === 'active' ? t('users.deactivate') : t('users.reactivate')}
                          </Button>
                        ) : null}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </CursorListBody>
      </Paper>
      {adding ? <AddUserForm onClose={() => setAdding(false)} /> : null}
      {editing ? <EditRolesForm user={editing} onClose={() => setEditing(null)} /> : null}
      {toggling ? (
        <ConfirmDialog
          message={
            toggling.status === 'active'
              ? t('users.deactivateConfirm', { name: toggling.displayName })
              : t('users.reactivate')
          }
          confirmLabel={toggling.status === 'active' ? t('users.deactivate') : t('users.reactivate')}
          onConfirm={() => setStatus.mutate(toggling)}
          onClose={() => setToggling(null)}
          pending={setStatus.isPending}
          error={setStatus.error}
        />
      ) : null}
    </>
  );
}
