import { Table, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/format.ts';
import type { MrrPeriod } from './api.ts';

const MONEY = ['start', 'new', 'expansion', 'reactivation', 'contraction', 'churn', 'end'] as const;

/** The bridge of every period, newest first; a row picks the period the cards and waterfall show. */
export function MrrTable({
  periods,
  labels,
  selected,
  onPick,
}: {
  periods: MrrPeriod[];
  labels: string[];
  selected: number;
  onPick: (index: number) => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const rate = (r: number | null) => (r === null ? t('common.none') : fmt.percent(r));
  const order = periods.map((_, i) => i).reverse();
  return (
    <Table.ScrollContainer minWidth={1180}>
      <Table highlightOnHover verticalSpacing="xs" data-testid="mrr-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('success.mrr.period')}</Table.Th>
            {MONEY.map((m) => (
              <Table.Th key={m} style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
                {t(`success.mrr.${m}`)}
              </Table.Th>
            ))}
            <Table.Th style={{ textAlign: 'right' }}>NRR</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>GRR</Table.Th>
            <Table.Th style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
              {t('success.mrr.logoChurn')}
            </Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>{t('success.mrr.arr')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {order.map((i) => {
            const p = periods[i]!;
            return (
              <Table.Tr
                key={p.period}
                aria-selected={i === selected}
                bg={i === selected ? 'indigo.0' : undefined}
                data-testid={`mrr-row-${p.period}`}
              >
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <UnstyledButton
                    onClick={() => onPick(i)}
                    fw={600}
                    fz="sm"
                    aria-label={t('success.mrr.showPeriod', { period: labels[i] })}
                  >
                    {labels[i]}
                  </UnstyledButton>
                </Table.Td>
                {MONEY.map((m) => (
                  <Table.Td
                    key={m}
                    className="num"
                    c={m === 'contraction' || m === 'churn' ? (p[m] > 0 ? 'red' : undefined) : undefined}
                  >
                    {m === 'contraction' || m === 'churn'
                      ? p[m] > 0
                        ? `−${fmt.money(p[m])}`
                        : fmt.money(0)
                      : fmt.money(p[m])}
                  </Table.Td>
                ))}
                <Table.Td className="num">{rate(p.nrr)}</Table.Td>
                <Table.Td className="num">{rate(p.grr)}</Table.Td>
                <Table.Td className="num">{rate(p.logoChurnRate)}</Table.Td>
                <Table.Td className="num">{fmt.money(p.arr)}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
