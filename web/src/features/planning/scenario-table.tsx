import { Anchor, Badge, Button, Checkbox, Group, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadMore, SortableTh, type useCursorList } from '../../app/cursor-list.tsx';
import { ErrorState } from '../../app/query-state.tsx';
import { ActionsTh } from '../../app/table-parts.tsx';
import { type Scenario, scopeOfSlice } from './api.ts';
import { flattenOverrides } from './assumption-fields.ts';
import { usePlanFormat } from './plan-format.ts';

/** The planner's address for a saved scenario: its target, period, window, scope and overrides. */
export function plannerLink(s: Scenario): string {
  const params = new URLSearchParams({
    target: String(s.target.newMrr),
    period: s.period,
    window: String(s.target.windowMonths),
  });
  const overrides = flattenOverrides(s.target.overrides);
  if (Object.keys(overrides).length) params.set('overrides', JSON.stringify(overrides));
  if (s.target.slice) params.set('scope', scopeOfSlice(s.target.slice));
  return `/planning?${params}`;
}

export function ScenarioTable({
  list,
  sort,
  onSort,
  selected,
  onToggle,
  canSelectMore,
  onDelete,
}: {
  list: ReturnType<typeof useCursorList<Scenario>>;
  sort: string;
  onSort: (sort: string) => void;
  selected: string[];
  onToggle: (id: string) => void;
  canSelectMore: boolean;
  onDelete: (s: Scenario) => void;
}) {
  const { t } = useTranslation();
  const fmt = usePlanFormat();
  return (
    <>
      <Table.ScrollContainer minWidth={1040}>
        <Table highlightOnHover verticalSpacing="sm" data-testid="scenarios-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={40}>
                <span className="visually-hidden">{t('planning.scenarios.pick')}</span>
              </Table.Th>
              <SortableTh field="name" sort={sort} onSort={onSort}>
                {t('planning.scenarios.name')}
              </SortableTh>
              <Table.Th>{t('planning.target.period')}</Table.Th>
              <Table.Th style={{ textAlign: 'right' }}>{t('planning.target.newMrr')}</Table.Th>
              <Table.Th style={{ textAlign: 'right' }}>{t('planning.scenarios.probability')}</Table.Th>
              <Table.Th style={{ textAlign: 'right' }}>{t('planning.probability.p50')}</Table.Th>
              <Table.Th>{t('planning.scenarios.binding')}</Table.Th>
              <SortableTh field="createdAt" sort={sort} onSort={onSort}>
                {t('planning.scenarios.createdAt')}
              </SortableTh>
              <ActionsTh label={t('planning.scenarios.actions')} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.items.map((s) => {
              const checked = selected.includes(s.id);
              return (
                <Table.Tr key={s.id} bg={checked ? 'indigo.0' : undefined}>
                  <Table.Td>
                    <Checkbox
                      checked={checked}
                      disabled={!checked && !canSelectMore}
                      onChange={() => onToggle(s.id)}
                      aria-label={t('planning.scenarios.pickOne', { name: s.name })}
                    />
                  </Table.Td>
                  <Table.Td fw={500}>{s.name}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{s.period}</Table.Td>
                  <Table.Td className="num">{fmt.money(s.target.newMrr)}</Table.Td>
                  <Table.Td className="num">{fmt.percent(s.outcome.probabilityOfHit)}</Table.Td>
                  <Table.Td className="num">{fmt.money(s.outcome.p50)}</Table.Td>
                  <Table.Td>
                    {s.outcome.binding ? (
                      <Badge variant="light" color="orange">
                        {t(`planning.roles.${s.outcome.binding}`)}
                      </Badge>
                    ) : (
                      t('common.none')
                    )}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{fmt.dateTime(s.createdAt)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Group gap={4} wrap="nowrap">
                      <Anchor component={Link} to={plannerLink(s)} size="sm">
                        {t('planning.scenarios.open')}
                      </Anchor>
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        color="red"
                        onClick={() => onDelete(s)}
                        aria-label={`${t('planning.scenarios.delete')}: ${s.name}`}
                      >
                        {t('planning.scenarios.delete')}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {list.error ? <ErrorState error={list.error} /> : null}
      <LoadMore
        count={list.items.length}
        hasMore={list.hasNextPage}
        loading={list.isFetchingNextPage}
        onMore={() => void list.fetchNextPage()}
      />
    </>
  );
}
