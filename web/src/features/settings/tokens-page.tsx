import { Button, Paper, Table } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Page } from '../../app/api.ts';
import { ConfirmDialog } from '../../app/confirm.tsx';
import { CopyBlock } from '../../app/copy-block.tsx';
import { useFormat } from '../../app/format.ts';
import { PageHeader } from '../../app/page-header.tsx';
import { EmptyState, ErrorState, PageLoader } from '../../app/query-state.tsx';
import { NamedSecretDialog, SecretReveal } from '../../app/secret-reveal.tsx';
import type { User } from '../../app/session.tsx';
import { ActionsTh, RevocableCells } from '../../app/table-parts.tsx';

interface ApiToken {
  id: string;
  name: string;
  userId: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

interface CreatedToken {
  id: string;
  token: string;
  name: string;
}

const TOKENS = ['/api-tokens'] as const;

function CreateTokenForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <NamedSecretDialog<CreatedToken>
      path="/api-tokens"
      invalidate={TOKENS}
      title={t('tokens.create')}
      nameLabel={t('tokens.name')}
      namePlaceholder={t('tokens.namePlaceholder')}
      onClose={onClose}
      reveal={({ token }) => (
        <SecretReveal
          title={t('tokens.secretTitle')}
          warning={t('tokens.secretWarning')}
          hint={t('tokens.usage')}
          doneLabel={t('tokens.stored')}
          onClose={onClose}
        >
          <CopyBlock value={token} copyLabel={t('tokens.copy')} testId="token-secret" />
        </SecretReveal>
      )}
    />
  );
}

export default function TokensPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const client = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const tokens = useQuery({ queryKey: TOKENS, queryFn: () => api<{ items: ApiToken[] }>('/api-tokens') });
  const users = useQuery({
    queryKey: ['/users', 'names'],
    queryFn: () => api<Page<User>>('/users', { query: { limit: 200 } }),
  });
  const userName = (id: string) =>
    users.data?.items.find((u) => u.id === id)?.displayName ?? t('common.none');
  const revoke = useMutation({
    mutationFn: (token: ApiToken) => api<void>(`/api-tokens/${token.id}`, { method: 'DELETE' }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: TOKENS });
      setRevoking(null);
    },
  });
  const items = tokens.data?.items ?? [];

  return (
    <>
      <PageHeader
        title={t('tokens.title')}
        description={t('tokens.description')}
        actions={<Button onClick={() => setCreating(true)}>{t('tokens.create')}</Button>}
      />
      <Paper withBorder p="md" radius="md">
        {tokens.isPending ? (
          <PageLoader />
        ) : tokens.error ? (
          <ErrorState error={tokens.error} onRetry={() => void tokens.refetch()} />
        ) : items.length === 0 ? (
          <EmptyState
            title={t('tokens.emptyTitle')}
            hint={t('tokens.emptyHint')}
            action={<Button onClick={() => setCreating(true)}>{t('tokens.create')}</Button>}
          />
        ) : (
          <Table.ScrollContainer minWidth={800}>
            <Table verticalSpacing="sm" data-testid="tokens-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('tokens.name')}</Table.Th>
                  <Table.Th>{t('users.name')}</Table.Th>
                  <Table.Th>{t('tokens.createdAt')}</Table.Th>
                  <Table.Th>{t('tokens.lastUsed')}</Table.Th>
                  <Table.Th>{t('tokens.expiresAt')}</Table.Th>
                  <Table.Th>{t('tokens.status')}</Table.Th>
                  <ActionsTh label={t('tokens.revoke')} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((tok) => (
                  <Table.Tr key={tok.id} opacity={tok.revokedAt ? 0.6 : 1}>
                    <Table.Td fw={500}>{tok.name}</Table.Td>
                    <Table.Td>{userName(tok.userId)}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{fmt.dateTime(tok.createdAt)}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {tok.lastUsedAt ? fmt.dateTime(tok.lastUsedAt) : t('tokens.unused')}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {tok.expiresAt ? fmt.dateTime(tok.expiresAt) : t('tokens.noExpiry')}
                    </Table.Td>
                    <RevocableCells
                      name={tok.name}
                      revoked={tok.revokedAt !== null}
                      labels={{
                        active: t('tokens.active'),
                        revoked: t('tokens.revoked'),
                        revoke: t('tokens.revoke'),
                      }}
                      onRevoke={() => {
                        revoke.reset();
                        setRevoking(tok);
                      }}
                    />
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      {creating ? <CreateTokenForm onClose={() => setCreating(false)} /> : null}
      {revoking ? (
        <ConfirmDialog
          message={t('tokens.revokeConfirm', { name: revoking.name })}
          confirmLabel={t('tokens.revoke')}
          onConfirm={() => revoke.mutate(revoking)}
          onClose={() => setRevoking(null)}
          pending={revoke.isPending}
          error={revoke.error}
        />
      ) : null}
    </>
  );
}
