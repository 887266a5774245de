import { Badge, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { SortableTh } from '../../app/cursor-list.tsx';
import { useFormat } from '../../app/format.ts';
import type { NamedLine } from './forecast-chart.tsx';
import type { ForecastLine } from './forecast-data.ts';

const MONEY = ['closed', 'commit', 'bestCase', 'pipeline', 'weighted', 'quota'] as const;

/** Each owner's or team's numbers against quota, sortable, with the period's total below. */
export function ForecastTable({
  lines,
  total,
  mine,
  sort,
  onSort,
}: {
  lines: NamedLine[];
  total: ForecastLine;
  mine: string | null;
  sort: string;
  onSort: (sort: string) => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const descending = sort.startsWith('-');
  const key = (descending ? sort.slice(1) : sort) as (typeof MONEY)[number] | 'coverage' | 'name';
  const sorted = [...lines].sort((a, b) => {
    const x = key === 'name' ? a.name : (a[key] ?? -1);
    const y = key === 'name' ? b.name : (b[key] ?? -1);
    const c = x < y ? -1 : x > y ? 1 : 0;
    return descending ? -c : c;
  });
  const coverage = (l: ForecastLine) =>
    l.coverage === null
      ? t('common.none')
      : t('fieldSales.forecast.coverageValue', { value: fmt.number(l.coverage) });
  const cells = (l: ForecastLine) => (
    <>
      {MONEY.map((m) => (
        <Table.Td key={m} className="num" data-col={m}>
          {m === 'quota' && l.quota === null ? t('fieldSales.forecast.noQuota') : fmt.money(l[m] ?? 0)}
        </Table.Td>
      ))}
      <Table.Td className="num" data-col="coverage">
        {coverage(l)}
      </Table.Td>
    </>
  );
  const header = (field: string, label: string) => (
    <SortableTh field={field} sort={sort} onSort={onSort} align="right">
      {label}
    </SortableTh>
  );

  return (
    <Table.ScrollContainer minWidth={900}>
      <Table highlightOnHover verticalSpacing="sm" data-testid="forecast-table">
        <Table.Thead>
          <Table.Tr>
            <SortableTh field="name" sort={sort} onSort={onSort}>
              {t('fieldSales.forecast.name')}
            </SortableTh>
            {header('closed', t('fieldSales.forecast.closed'))}
            {header('commit', t('fieldSales.forecast.commit'))}
            {header('bestCase', t('fieldSales.forecast.bestCase'))}
            {header('pipeline', t('fieldSales.forecast.pipeline'))}
            {header('weighted', t('fieldSales.forecast.weighted'))}
            {header('quota', t('fieldSales.forecast.quota'))}
            {header('coverage', t('fieldSales.forecast.coverage'))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sorted.map((l) => (
            <Table.Tr
              key={l.key}
              data-testid={`forecast-row-${l.key}`}
              bg={l.key === mine ? 'indigo.0' : undefined}
            >
              <Table.Td fw={500}>
                {l.name}
                {l.key === mine ? (
                  <Badge size="xs" variant="light" ml={6} tt="none">
                    {t('fieldSales.forecast.mine')}
                  </Badge>
                ) : null}
              </Table.Td>
              {cells(l)}
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr data-testid="forecast-row-total" fw={700}>
            <Table.Td>{t('fieldSales.forecast.total')}</Table.Td>
            {cells(total)}
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
  );
}
