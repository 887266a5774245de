import { Badge, Modal, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import { useFormat } from '../../app/format.ts';
import { EmptyState, ErrorState, PageLoader } from '../../app/query-state.tsx';
import type { Webhook, WebhookDelivery } from './api.ts';

const STATUS_COLORS: Record<string, string> = {
  succeeded: 'green',
  delivered: 'green',
  retrying: 'orange',
  pending: 'gray',
  failed: 'red',
};
const KNOWN = new Set(['pending', 'retrying', 'succeeded', 'failed', 'delivered']);

/** The newest deliveries of one subscription, refreshed while retries are pending. */
export function WebhookDeliveries({ hook, onClose }: { hook: Webhook; onClose: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const log = useQuery({
    queryKey: ['/webhooks', hook.id, 'deliveries'],
    queryFn: () =>
      api<{ items: WebhookDelivery[] }>(`/webhooks/${hook.id}/deliveries`, { query: { limit: 200 } }),
    refetchInterval: (q) =>
      q.state.data?.items.some((d) => d.status === 'retrying' || d.status === 'pending') ? 5000 : false,
  });
  const items = log.data?.items ?? [];
  const count = (s: string) => items.filter((d) => d.status === s).length;
  const status = (s: string) => (KNOWN.has(s) ? t(`setup.webhooks.delivery.statuses.${s as 'pending'}`) : s);
  return (
    <Modal opened onClose={onClose} title={t('setup.webhooks.deliveriesOf', { url: hook.url })} size="80rem">
      {log.isPending ? (
        <PageLoader />
      ) : log.error ? (
        <ErrorState error={log.error} onRetry={() => void log.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState
          title={t('setup.webhooks.delivery.emptyTitle')}
          hint={t('setup.webhooks.delivery.emptyHint')}
        />
      ) : (
        <Stack>
          <Text size="sm" c="dimmed">
            {t('setup.webhooks.delivery.summary', {
              ok: fmt.number(count('succeeded') + count('delivered')),
              retrying: fmt.number(count('retrying') + count('pending')),
              failed: fmt.number(count('failed')),
            })}
          </Text>
          <Table.ScrollContainer minWidth={900}>
            <Table verticalSpacing="xs" data-testid="webhook-deliveries">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('setup.webhooks.delivery.createdAt')}</Table.Th>
                  <Table.Th>{t('setup.webhooks.delivery.event')}</Table.Th>
                  <Table.Th>{t('setup.webhooks.delivery.status')}</Table.Th>
                  <Table.Th style={{ textAlign: 'right' }}>{t('setup.webhooks.delivery.attempts')}</Table.Th>
                  <Table.Th style={{ textAlign: 'right' }}>{t('setup.webhooks.delivery.code')}</Table.Th>
                  <Table.Th>{t('setup.webhooks.delivery.error')}</Table.Th>
                  <Table.Th>{t('setup.webhooks.delivery.deliveredAt')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((d) => (
                  <Table.Tr key={d.id}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{fmt.dateTime(d.createdAt)}</Table.Td>
                    <Table.Td ff="monospace">{d.eventType}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={STATUS_COLORS[d.status] ?? 'gray'}>
                        {status(d.status)}
                      </Badge>
                    </Table.Td>
                    <Table.Td className="num">{fmt.number(d.attempts)}</Table.Td>
                    <Table.Td className="num">{d.lastStatusCode ?? t('common.none')}</Table.Td>
                    <Table.Td>
                      <Text size="xs" lineClamp={2}>
                        {d.lastError ?? t('common.none')}
                      </Text>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {d.deliveredAt ? fmt.dateTime(d.deliveredAt) : t('common.none')}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Stack>
      )}
    </Modal>
  );
}
