import { Anchor, Button, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { SortableTh } from '../../app/cursor-list.tsx';
import { useFormat } from '../../app/format.ts';
import { ActionsTh } from '../../app/table-parts.tsx';
import type { Handoff } from './api.ts';
import { KindBadge, StatusBadge, useHandoffText } from './handoff-labels.tsx';
import { SlaTimer } from './sla-timer.tsx';
import { useNow } from './use-now.ts';

/** Hand-offs with their live SLA; a row opens the context bundle. */
export function HandoffTable({
  items,
  sort,
  onSort,
  receiver,
  onOpen,
}: {
  items: Handoff[];
  sort: string;
  onSort: (sort: string) => void;
  receiver: (h: Handoff) => string;
  onOpen: (h: Handoff) => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const now = useNow(1000);
  const text = useHandoffText();
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table highlightOnHover verticalSpacing="sm" data-testid="handoffs-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('insideSales.handoffs.lead')}</Table.Th>
            <Table.Th>{t('insideSales.handoffs.kind')}</Table.Th>
            <Table.Th>{t('insideSales.handoffs.from')}</Table.Th>
            <Table.Th>{t('insideSales.handoff.assignedTo')}</Table.Th>
            <SortableTh field="openedAt" sort={sort} onSort={onSort}>
              {t('insideSales.handoffs.openedAt')}
            </SortableTh>
            <SortableTh field="dueAt" sort={sort} onSort={onSort}>
              {t('insideSales.handoffs.dueAt')}
            </SortableTh>
            <Table.Th>{t('insideSales.handoffs.status')}</Table.Th>
            <ActionsTh label={t('insideSales.handoffs.open')} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((h) => (
            <Table.Tr key={h.id} data-testid="handoff-row" data-handoff-id={h.id}>
              <Table.Td>
                <Stack gap={0}>
                  {h.personId ? (
                    <Anchor component={Link} to={`/marketing/leads/${h.personId}`} fw={600} size="sm">
                      {text.subject(h)}
                    </Anchor>
                  ) : (
                    <Text fw={600} size="sm">
                      {text.subject(h)}
                    </Text>
                  )}
                  {h.accountName && h.personId ? (
                    <Text size="xs" c="dimmed">
                      {h.accountName}
                    </Text>
                  ) : null}
                </Stack>
              </Table.Td>
              <Table.Td>
                <KindBadge kind={h.kind} />
              </Table.Td>
              <Table.Td>
                <Text size="sm">{text.role(h.fromRole)}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" c={h.toUserId ? undefined : 'dimmed'}>
                  {receiver(h)}
                </Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{fmt.dateTime(h.openedAt)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {h.status === 'open' ? <SlaTimer dueAt={h.dueAt} now={now} /> : fmt.dateTime(h.dueAt)}
              </Table.Td>
              <Table.Td>
                <StatusBadge status={h.status} />
              </Table.Td>
              <Table.Td>
                <Button
                  size="compact-sm"
                  variant="light"
                  onClick={() => onOpen(h)}
                  aria-label={t('insideSales.handoffs.openLabel', { lead: text.subject(h) })}
                  data-testid="open-handoff"
                >
                  {t('insideSales.handoffs.open')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
