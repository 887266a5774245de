import { Anchor, Badge, Group, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { SortableTh } from '../../app/cursor-list.tsx';
import { useFormat } from '../../app/format.ts';
import { CustomerStage } from '../accounts/customer-stage.tsx';
import type { Renewal } from './api.ts';
import { HealthBadge } from './health-badge.tsx';

/** Subscriptions renewing, with the account's health, stage and open renewal deal. */
export function RenewalsTable({
  rows,
  sort,
  onSort,
  onOpen,
}: {
  rows: Renewal[];
  sort: string;
  onSort: (sort: string) => void;
  onOpen: (account: { id: string; name: string }) => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const none = t('common.none');
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table highlightOnHover verticalSpacing="sm" data-testid="renewals-table">
        <Table.Thead>
          <Table.Tr>
            <SortableTh field="renewsOn" sort={sort} onSort={onSort}>
              {t('success.columns.renewsOn')}
            </SortableTh>
            <SortableTh field="accountName" sort={sort} onSort={onSort}>
              {t('success.columns.account')}
            </SortableTh>
            <Table.Th>{t('success.columns.plan')}</Table.Th>
            <SortableTh field="mrr" sort={sort} onSort={onSort} align="right">
              {t('success.columns.mrr')}
            </SortableTh>
            <Table.Th>{t('success.columns.health')}</Table.Th>
            <Table.Th>{t('success.columns.status')}</Table.Th>
            <Table.Th>{t('success.columns.csm')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.id} data-testid="renewal-row">
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{fmt.calendarDate(r.renewsOn)}</Table.Td>
              <Table.Td fw={500}>
                <Anchor
                  component="button"
                  type="button"
                  fz="sm"
                  ta="left"
                  onClick={() => onOpen({ id: r.accountId, name: r.accountName })}
                >
                  {r.accountName}
                </Anchor>
              </Table.Td>
              <Table.Td>
                {r.plan}
                <Badge variant="outline" color="gray" size="xs" ml={6}>
                  {t('success.renewals.term', { months: r.termMonths })}
                </Badge>
              </Table.Td>
              <Table.Td className="num">{fmt.money(r.mrr)}</Table.Td>
              <Table.Td>
                <HealthBadge band={r.healthBand} score={r.healthScore} />
              </Table.Td>
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <CustomerStage stage={r.customerStage} />
                  {r.renewalOpportunityId ? (
                    <Anchor
                      component={Link}
                      to={`/field-sales/opportunities/${r.renewalOpportunityId}`}
                      size="xs"
                    >
                      {t('success.renewals.deal')}
                    </Anchor>
                  ) : null}
                </Group>
              </Table.Td>
              <Table.Td>{r.csmName ?? none}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
