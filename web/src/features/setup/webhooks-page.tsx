import { Badge, Button, Group, Paper, Switch, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import { ConfirmDialog } from '../../app/confirm.tsx';
import { useFormat } from '../../app/format.ts';
import { SearchField } from '../../app/list-toolbar.tsx';
import { PageHeader } from '../../app/page-header.tsx';
import { EmptyState, ErrorState, PageLoader } from '../../app/query-state.tsx';
import { ActionsTh } from '../../app/table-parts.tsx';
import { WEBHOOK_EVENTS, type Webhook } from './api.ts';
import { WebhookDeliveries } from './webhook-deliveries.tsx';
import { WebhookForm } from './webhook-form.tsx';

const HOOKS = ['/webhooks'];

export default function WebhooksPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const client = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<Webhook | null>(null);
  const [log, setLog] = useState<Webhook | null>(null);
  const [q, setQ] = useState('');
  const hooks = useQuery({ queryKey: HOOKS, queryFn: () => api<{ items: Webhook[] }>('/webhooks') });
  const toggle = useMutation({
    mutationFn: (h: Webhook) =>
      api<Webhook>(`/webhooks/${h.id}`, { method: 'PATCH', body: { version: h.version, active: !h.active } }),
    onSettled: () => client.invalidateQueries({ queryKey: HOOKS }),
  });
  const remove = useMutation({
    mutationFn: (h: Webhook) => api<void>(`/webhooks/${h.id}`, { method: 'DELETE' }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: HOOKS });
      setDeleting(null);
    },
  });
  const all = hooks.data?.items ?? [];
  const needle = q.trim().toLowerCase();
  const items = all
    .filter(
      (h) =>
        !needle ||
        h.url.toLowerCase().includes(needle) ||
        (h.description ?? '').toLowerCase().includes(needle),
    )
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const eventName = (e: string) =>
    (WEBHOOK_EVENTS as readonly string[]).includes(e)
      ? t(`setup.webhooks.eventNames.${e as 'stage.changed'}`)
      : e;
  const createButton = <Button onClick={() => setCreating(true)}>{t('setup.webhooks.newHook')}</Button>;
  return (
    <>
      <PageHeader
        title={t('setup.webhooks.title')}
        description={t('setup.webhooks.description')}
        actions={createButton}
      />
      <Paper withBorder p="md" radius="md">
        {all.length > 0 ? (
          <SearchField placeholder={t('setup.webhooks.search')} value={q} onChange={setQ} w={300} mb="md" />
        ) : null}
        {toggle.error ? <ErrorState error={toggle.error} /> : null}
        {hooks.isPending ? (
          <PageLoader />
        ) : hooks.error ? (
          <ErrorState error={hooks.error} onRetry={() => void hooks.refetch()} />
        ) : all.length === 0 ? (
          <EmptyState
            title={t('setup.webhooks.emptyTitle')}
            hint={t('setup.webhooks.emptyHint')}
            action={createButton}
          />
        ) : items.length === 0 ? (
          <Text size="sm" c="dimmed" py="md">
            {t('setup.webhooks.filteredEmpty')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={900}>
            <Table verticalSpacing="sm" data-testid="webhooks-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('setup.webhooks.url')}</Table.Th>
                  <Table.Th>{t('setup.webhooks.events')}</Table.Th>
                  <Table.Th>{t('setup.webhooks.active')}</Table.Th>
                  <Table.Th>{t('setup.webhooks.createdAt')}</Table.Th>
                  <ActionsTh />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((h) => (
                  <Table.Tr key={h.id} opacity={h.active ? 1 : 0.7}>
                    <Table.Td>
                      <Text size="sm" ff="monospace" style={{ wordBreak: 'break-all' }}>
                        {h.url}
                      </Text>
                      {h.description ? (
                        <Text size="xs" c="dimmed">
                          {h.description}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {h.events.map((e) => (
                          <Badge key={e} size="sm" variant="light" tt="none">
                            {eventName(e)}
                          </Badge>
                        ))}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Switch
                        aria-label={t('setup.webhooks.toggle', { url: h.url })}
                        label={h.active ? t('setup.webhooks.active') : t('setup.webhooks.inactive')}
                        checked={h.active}
                        disabled={toggle.isPending && toggle.variables?.id === h.id}
                        onChange={() => toggle.mutate(h)}
                      />
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{fmt.dateTime(h.createdAt)}</Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <Button size="compact-sm" variant="light" onClick={() => setLog(h)}>
                          {t('setup.webhooks.deliveries')}
                        </Button>
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          color="red"
                          onClick={() => {
                            remove.reset();
                            setDeleting(h);
                          }}
                        >
                          {t('setup.webhooks.delete')}
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      {creating ? <WebhookForm onClose={() => setCreating(false)} /> : null}
      {log ? <WebhookDeliveries hook={log} onClose={() => setLog(null)} /> : null}
      {deleting ? (
        <ConfirmDialog
          message={t('setup.webhooks.deleteConfirm', { url: deleting.url })}
          confirmLabel={t('setup.webhooks.delete')}
          onConfirm={() => remove.mutate(deleting)}
          onClose={() => setDeleting(null)}
          pending={remove.isPending}
          error={remove.error}
        />
      ) : null}
    </>
  );
}
