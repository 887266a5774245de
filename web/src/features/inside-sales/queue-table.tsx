import { Button, Group, Stack, Table, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SortableTh } from '../../app/cursor-list.tsx';
import { SearchField } from '../../app/list-toolbar.tsx';
import { EmptyState } from '../../app/query-state.tsx';
import type { PickedOutcome } from './activity-buttons.tsx';
import type { ActivityType, QueueItem } from './api.ts';
import { QueueRow } from './queue-row.tsx';

const PAGE = 25;

type Ranked = QueueItem & { rank: number };
const time = (iso: string | null, missing: number) => (iso ? new Date(iso).getTime() : missing);
const COMPARE: Record<string, (a: Ranked, b: Ranked) => number> = {
  rank: (a, b) => a.rank - b.rank,
  slaDueAt: (a, b) => time(a.slaDueAt, Infinity) - time(b.slaDueAt, Infinity),
  score: (a, b) => (a.score ?? -Infinity) - (b.score ?? -Infinity),
  since: (a, b) => time(a.since, 0) - time(b.since, 0),
  name: (a, b) => (a.name ?? '').localeCompare(b.name ?? '', 'ja'),
};

export interface QueueHandlers {
  onPick: (item: QueueItem, type: Exclude<ActivityType, 'note'>, outcome: PickedOutcome) => void;
  onNote: (item: QueueItem) => void;
  onSql: (item: QueueItem) => void;
  onFollowUp: (item: QueueItem) => void;
}

/** The queue in the API's priority order, searchable and re-sortable on the page. */
export function QueueTable({
  items,
  total,
  now,
  readOnly,
  pendingPersonId,
  handlers,
}: {
  items: QueueItem[];
  total: number;
  now: number;
  /** Another rep's queue: no logging on their behalf. */
  readOnly: boolean;
  pendingPersonId: string | null;
  handlers: QueueHandlers;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [sort, setSort] = useState('rank');
  const [shown, setShown] = useState(PAGE);
  const leadName = (i: QueueItem) => i.name ?? i.email ?? t('people.unnamed');

  const rows = useMemo(() => {
    const needle = q.trim().toLowerCase();
    const ranked: Ranked[] = items.map((i, n) => ({ ...i, rank: n + 1 }));
    const found = needle
      ? ranked.filter((i) => [i.name, i.email, i.accountName].some((v) => v?.toLowerCase().includes(needle)))
      : ranked;
    const field = sort.replace(/^-/, '');
    const compare = COMPARE[field] ?? COMPARE.rank!;
    return [...found].sort(
      (a, b) => (sort.startsWith('-') ? compare(b, a) : compare(a, b)) || a.rank - b.rank,
    );
  }, [items, q, sort]);

  return (
    <Stack gap="sm">
      <SearchField placeholder={t('insideSales.queue.searchPlaceholder')} value={q} onChange={setQ} w={300} />
      {rows.length === 0 ? (
        <EmptyState
          title={t('insideSales.queue.emptyFilteredTitle')}
          hint={t('insideSales.queue.emptyFilteredHint')}
          action={
            <Button variant="default" onClick={() => setQ('')}>
              {t('common.clear')}
            </Button>
          }
        />
      ) : (
        <>
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="xs" highlightOnHover data-testid="queue-table">
              <Table.Thead>
                <Table.Tr>
                  <SortableTh field="rank" sort={sort} onSort={setSort}>
                    {t('insideSales.queue.priority')}
                  </SortableTh>
                  <SortableTh field="name" sort={sort} onSort={setSort}>
                    {t('insideSales.queue.lead')}
                  </SortableTh>
                  <SortableTh field="score" sort={sort} onSort={setSort}>
                    {t('insideSales.queue.scoreGrade')}
                  </SortableTh>
                  <SortableTh field="slaDueAt" sort={sort} onSort={setSort}>
                    {t('insideSales.queue.sla')}
                  </SortableTh>
                  <Table.Th>{t('insideSales.queue.lastActivity')}</Table.Th>
                  {readOnly ? null : <Table.Th>{t('insideSales.queue.actions')}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.slice(0, shown).map((i) => (
                  <QueueRow
                    key={i.personId}
                    item={i}
                    rank={i.rank}
                    lead={leadName(i)}
                    now={now}
                    readOnly={readOnly}
                    pending={pendingPersonId === i.personId}
                    handlers={handlers}
                  />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Group justify="space-between">
            <Text size="sm" c="dimmed" aria-live="polite" data-testid="queue-count">
              {t('insideSales.queue.showing', {
                count: Math.min(shown, rows.length),
                total: q.trim() ? rows.length : total,
              })}
            </Text>
            {rows.length > shown ? (
              <Button variant="default" onClick={() => setShown((n) => n + PAGE)}>
                {t('common.loadMore')}
              </Button>
            ) : null}
          </Group>
        </>
      )}
    </Stack>
  );
}
