import { Button, Group, Paper, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import { ConfirmDialog } from '../../app/confirm.tsx';
import { useFormat } from '../../app/format.ts';
import { SearchField } from '../../app/list-toolbar.tsx';
import { EmptyState, ErrorState, PageLoader } from '../../app/query-state.tsx';
import { ActionsTh, RevocableCells } from '../../app/table-parts.tsx';
import type { WriteKey } from './api.ts';
import { CreateKeyModal, KEYS } from './write-key-modal.tsx';

/** Write keys: created with the tag shown once, listed by hint, revoked. */
export function WriteKeysSection() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const client = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<WriteKey | null>(null);
  const [q, setQ] = useState('');
  const keys = useQuery({
    queryKey: KEYS,
    queryFn: () => api<{ items: WriteKey[] }>('/tracking/write-keys'),
  });
  const revoke = useMutation({
    mutationFn: (k: WriteKey) => api<void>(`/tracking/write-keys/${k.id}`, { method: 'DELETE' }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: KEYS });
      setRevoking(null);
    },
  });
  const all = keys.data?.items ?? [];
  const needle = q.trim().toLowerCase();
  // Active keys first, newest first within each group.
  const items = all
    .filter((k) => !needle || k.name.toLowerCase().includes(needle))
    .sort(
      (a, b) =>
        Number(Boolean(a.revokedAt)) - Number(Boolean(b.revokedAt)) || b.createdAt.localeCompare(a.createdAt),
    );
  const createButton = <Button onClick={() => setCreating(true)}>{t('setup.tracking.newKey')}</Button>;
  return (
    <Paper withBorder p="md" radius="md">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {t('setup.tracking.writeKeys')}
        </Title>
        <Group>
          {all.length > 0 ? (
            <SearchField
              aria-label={t('setup.tracking.searchKeys')}
              placeholder={t('setup.tracking.searchKeys')}
              value={q}
              onChange={setQ}
              w={220}
            />
          ) : null}
          {createButton}
        </Group>
      </Group>
      {keys.isPending ? (
        <PageLoader />
      ) : keys.error ? (
        <ErrorState error={keys.error} onRetry={() => void keys.refetch()} />
      ) : all.length === 0 ? (
        <EmptyState
          title={t('setup.tracking.keysEmptyTitle')}
          hint={t('setup.tracking.keysEmptyHint')}
          action={createButton}
        />
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed" py="md">
          {t('setup.tracking.keysFilteredEmpty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="sm" data-testid="write-keys-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('setup.tracking.keyName')}</Table.Th>
                <Table.Th>{t('setup.tracking.keyHint')}</Table.Th>
                <Table.Th>{t('setup.tracking.createdAt')}</Table.Th>
                <Table.Th>{t('setup.tracking.status')}</Table.Th>
                <ActionsTh label={t('setup.tracking.revoke')} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((k) => (
                <Table.Tr key={k.id} opacity={k.revokedAt ? 0.6 : 1}>
                  <Table.Td fw={500}>{k.name}</Table.Td>
                  <Table.Td ff="monospace">…{k.keyHint}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{fmt.dateTime(k.createdAt)}</Table.Td>
                  <RevocableCells
                    name={k.name}
                    revoked={k.revokedAt !== null}
                    labels={{
                      active: t('setup.tracking.active'),
                      revoked: t('setup.tracking.revoked'),
                      revoke: t('setup.tracking.revoke'),
                    }}
                    onRevoke={() => {
                      revoke.reset();
                      setRevoking(k);
                    }}
                  />
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {creating ? <CreateKeyModal onClose={() => setCreating(false)} /> : null}
      {revoking ? (
        <ConfirmDialog
          message={t('setup.tracking.revokeConfirm', { name: revoking.name })}
          confirmLabel={t('setup.tracking.revoke')}
          onConfirm={() => revoke.mutate(revoking)}
          onClose={() => setRevoking(null)}
          pending={revoke.isPending}
          error={revoke.error}
        />
      ) : null}
    </Paper>
  );
}
