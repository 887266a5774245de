import { Anchor, Button, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadMore, SortableTh } from '../../app/cursor-list.tsx';
import { useFormat } from '../../app/format.ts';
import { ActionsTh } from '../../app/table-parts.tsx';
import { useDirectory } from './directory.ts';
import type { HygieneIssue } from './hygiene-data.ts';
import { FlagBadges } from './hygiene-flags.tsx';
import { useLabels } from './labels.ts';

/** The flagged deals, each with a link to the place that fixes it. */
export function HygieneIssues({
  issues,
  shown,
  sort,
  onSort,
  onMore,
}: {
  issues: HygieneIssue[];
  shown: number;
  sort: string;
  onSort: (sort: string) => void;
  onMore: () => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const labels = useLabels();
  const directory = useDirectory();
  const page = issues.slice(0, shown);
  const days = (n: number) => t('fieldSales.hygiene.days', { days: fmt.number(n) });

  return (
    <>
      <Table.ScrollContainer minWidth={1000}>
        <Table highlightOnHover verticalSpacing="sm" data-testid="hygiene-issues">
          <Table.Thead>
            <Table.Tr>
              <SortableTh field="name" sort={sort} onSort={onSort}>
                {t('fieldSales.hygiene.opportunity')}
              </SortableTh>
              <Table.Th>{t('fieldSales.hygiene.owner')}</Table.Th>
              <Table.Th>{t('fieldSales.hygiene.phase')}</Table.Th>
              <SortableTh field="amountMrr" sort={sort} onSort={onSort} align="right">
                {t('fieldSales.hygiene.mrr')}
              </SortableTh>
              <SortableTh field="closeDate" sort={sort} onSort={onSort}>
                {t('fieldSales.hygiene.closeDate')}
              </SortableTh>
              <SortableTh field="daysSinceUpdate" sort={sort} onSort={onSort} align="right">
                {t('fieldSales.hygiene.daysSinceUpdate')}
              </SortableTh>
              <SortableTh field="daysInPhase" sort={sort} onSort={onSort} align="right">
                {t('fieldSales.hygiene.daysInPhase')}
              </SortableTh>
              <SortableTh field="flags" sort={sort} onSort={onSort}>
                {t('fieldSales.hygiene.problems')}
              </SortableTh>
              <ActionsTh label={t('fieldSales.hygiene.fix')} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {page.map((i) => (
              <Table.Tr key={i.id} data-testid={`issue-${i.id}`}>
                <Table.Td fw={500}>
                  <Anchor component={Link} to={`/field-sales/opportunities/${i.id}`} size="sm">
                    {i.name}
                  </Anchor>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {directory.userName(i.ownerUserId) ?? t('fieldSales.card.unowned')}
                </Table.Td>
                <Table.Td>{labels.phase(i.phase)}</Table.Td>
                <Table.Td className="num">{fmt.money(i.amountMrr)}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Text size="sm" c={i.flags.includes('close_date_passed') ? 'red' : undefined}>
                    {i.closeDate ? fmt.calendarDate(i.closeDate) : t('common.none')}
                  </Text>
                </Table.Td>
                <Table.Td className="num">{days(i.daysSinceUpdate)}</Table.Td>
                <Table.Td className="num">{days(i.daysInPhase)}</Table.Td>
                <Table.Td miw={200}>
                  <FlagBadges flags={i.flags} />
                </Table.Td>
                <Table.Td>
                  <Button
                    component={Link}
                    to={`/field-sales/opportunities/${i.id}${i.flags.includes('no_next_step') ? '#next-step' : ''}`}
                    size="compact-sm"
                    variant="light"
                    aria-label={t('fieldSales.hygiene.fixLabel', { name: i.name })}
                  >
                    {t('fieldSales.hygiene.fix')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <LoadMore count={page.length} hasMore={issues.length > shown} loading={false} onMore={onMore} />
    </>
  );
}
