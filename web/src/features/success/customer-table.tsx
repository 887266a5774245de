import { Anchor, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { SortableTh } from '../../app/cursor-list.tsx';
import { useFormat } from '../../app/format.ts';
import { CustomerStage } from '../accounts/customer-stage.tsx';
import type { CustomerRow } from './api.ts';
import { HealthBadge, TrendArrow } from './health-badge.tsx';

/** Customer accounts with health, trend, MRR, renewal and CSM; the name opens the health drawer. */
export function CustomerTable({
  rows,
  sort,
  onSort,
  onOpen,
}: {
  rows: CustomerRow[];
  sort: string;
  onSort: (sort: string) => void;
  onOpen: (row: CustomerRow) => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const none = t('common.none');
  return (
    <Table.ScrollContainer minWidth={880}>
      <Table highlightOnHover verticalSpacing="sm" data-testid="customers-table">
        <Table.Thead>
          <Table.Tr>
            <SortableTh field="name" sort={sort} onSort={onSort}>
              {t('success.columns.account')}
            </SortableTh>
            <SortableTh field="healthScore" sort={sort} onSort={onSort}>
              {t('success.columns.health')}
            </SortableTh>
            <SortableTh field="healthTrend" sort={sort} onSort={onSort}>
              {t('success.columns.trend')}
            </SortableTh>
            <Table.Th>{t('success.columns.stage')}</Table.Th>
            <SortableTh field="mrr" sort={sort} onSort={onSort} align="right">
              {t('success.columns.mrr')}
            </SortableTh>
            <SortableTh field="renewsOn" sort={sort} onSort={onSort}>
              {t('success.columns.renewsOn')}
            </SortableTh>
            <Table.Th>{t('success.columns.csm')}</Table.Th>
            <Table.Th>{t('success.columns.risks')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.id} data-testid="customer-row" data-band={row.healthBand ?? 'unscored'}>
              <Table.Td fw={500}>
                <Anchor component="button" type="button" onClick={() => onOpen(row)} fz="sm" ta="left">
                  {row.name}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <HealthBadge band={row.healthBand} score={row.healthScore} />
              </Table.Td>
              <Table.Td>
                <TrendArrow trend={row.healthTrend} />
              </Table.Td>
              <Table.Td>
                <CustomerStage stage={row.customerStage} />
              </Table.Td>
              <Table.Td className="num">{fmt.money(row.mrr)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {row.renewsOn ? fmt.calendarDate(row.renewsOn) : none}
              </Table.Td>
              <Table.Td>{row.csmName ?? none}</Table.Td>
              <Table.Td>
                {row.openRiskTasks > 0 ? (
                  <Text size="sm" c="red" fw={500}>
                    {t('success.health.openRisks', { n: fmt.number(row.openRiskTasks) })}
                  </Text>
                ) : (
                  <Text size="sm" c="dimmed">
                    {none}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
