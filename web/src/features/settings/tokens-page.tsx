import {
  Alert,
  Badge,
  Button,
  Code,
  CopyButton,
  Group,
  Modal,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, type Page } from '../../app/api.ts';
import { ConfirmDialog } from '../../app/confirm.tsx';
import { useFormat } from '../../app/format.ts';
import { PageHeader } from '../../app/page-header.tsx';
import { EmptyState, ErrorState, PageLoader } from '../../app/query-state.tsx';
import type { User } from '../../app/session.tsx';

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
  const client = useQueryClient();
  const [name, setName] = useState('');
  const create = useMutation({
    mutationFn: () => api<CreatedToken>('/api-tokens', { method: 'POST', body: { name } }),
    onSuccess: () => client.invalidateQueries({ queryKey: TOKENS }),
  });
  const errors = create.error instanceof ApiError ? create.error.fieldErrors() : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  if (create.data) {
    const secret = create.data.token;
    return (
      <Modal opened onClose={onClose} title={t('tokens.secretTitle')} size="lg">
        <Stack>
          <Alert color="yellow" variant="light" title={t('tokens.secretWarning')}>
            <Text size="sm">{t('tokens.usage')}</Text>
          </Alert>
          <Code block data-testid="token-secret" style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
            {secret}
          </Code>
          <Group justify="flex-end">
            <CopyButton value={secret}>
              {({ copied, copy }) => (
                <Button
                  variant={copied ? 'light' : 'default'}
                  color={copied ? 'teal' : undefined}
                  onClick={copy}
                >
                  {copied ? t('tokens.copied') : t('tokens.copy')}
                </Button>
              )}
            </CopyButton>
            <Button onClick={onClose} data-autofocus>
              {t('tokens.stored')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    );
  }
  return (
    <Modal opened onClose={onClose} title={t('tokens.create')} size="md">
      <form onSubmit={submit}>
        <Stack>
          <TextInput
            label={t('tokens.name')}
            placeholder={t('tokens.namePlaceholder')}
            required
            data-autofocus
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
          />
          {create.error ? <ErrorState error={create.error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('tokens.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
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
                  <Table.Th>
                    <span className="visually-hidden">{t('tokens.revoke')}</span>
                  </Table.Th>
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
                    <Table.Td>
                      <Badge variant="dot" color={tok.revokedAt ? 'gray' : 'green'}>
                        {tok.revokedAt ? t('tokens.revoked') : t('tokens.active')}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {tok.revokedAt ? null : (
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          color="red"
                          onClick={() => {
                            revoke.reset();
                            setRevoking(tok);
                          }}
                        >
                          {t('tokens.revoke')}
                        </Button>
                      )}
                    </Table.Td>
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
