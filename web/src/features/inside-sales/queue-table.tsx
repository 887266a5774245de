import { Anchor, Badge, Button, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadMore, SortableTh } from '../../app/cursor-list.tsx';
import { EmptyState } from '../../app/query-state.tsx';
import { StageBadge } from '../people/stage-badge.tsx';
import { ActivityButtons, type PickedOutcome } from './activity-buttons.tsx';
import type { ActivityType, QueueItem } from './api.ts';
import { LastTouch } from './last-touch.tsx';
import { SlaTimer } from './sla-timer.tsx';

const PAGE = 25;
const REASON_COLORS: Record<QueueItem['reason'], string> = {
  handoff: 'indigo',
  working: 'green',
  recycled_due: 'orange',
  follow_up: 'cyan',
  cadence_task: 'grape',
};

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
      <TextInput
        label={t('common.search')}
        placeholder={t('insideSales.queue.searchPlaceholder')}
        type="search"
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
        w={300}
      />
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
                  <Table.Tr key={i.personId} data-testid="queue-row" data-person-id={i.personId}>
                    <Table.Td className="num">{i.rank}</Table.Td>
                    <Table.Td>
                      <Stack gap={2}>
                        <Anchor component={Link} to={`/marketing/leads/${i.personId}`} fw={600} size="sm">
                          {leadName(i)}
                        </Anchor>
                        {i.accountId && i.accountName ? (
                          <Anchor component={Link} to={`/accounts/${i.accountId}`} size="xs" c="dimmed">
                            {i.accountName}
                          </Anchor>
                        ) : (
                          <Text size="xs" c="dimmed">
                            {i.email}
                          </Text>
                        )}
                        <Group gap={6}>
                          <StageBadge stage={i.stage} />
                          <Badge
                            variant="dot"
                            color={REASON_COLORS[i.reason]}
                            size="sm"
                            data-testid="queue-reason"
                          >
                            {t(`insideSales.reasons.${i.reason}`)}
                          </Badge>
                        </Group>
                      </Stack>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <Text size="sm" className="num" fw={600}>
                          {i.score ?? t('common.none')}
                        </Text>
                        {i.grade ? (
                          <Badge size="sm" variant="outline" color="gray">
                            {i.grade}
                          </Badge>
                        ) : null}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <SlaTimer dueAt={i.slaDueAt} now={now} />
                    </Table.Td>
                    <Table.Td>
                      <LastTouch item={i} />
                    </Table.Td>
                    {readOnly ? null : (
                      <Table.Td>
                        <Stack gap={4}>
                          <ActivityButtons
                            item={i}
                            lead={leadName(i)}
                            pending={pendingPersonId === i.personId}
                            onPick={handlers.onPick}
                            onNote={handlers.onNote}
                          />
                          <Group gap={4} wrap="nowrap">
                            {i.stage === 'mql' || i.stage === 'sal' ? (
                              <Button
                                size="compact-xs"
                                color="teal"
                                variant="outline"
                                onClick={() => handlers.onSql(i)}
                                data-testid="open-sql"
                              >
                                {t('insideSales.sqlDialog.openSql')}
                              </Button>
                            ) : null}
                            <Button
                              size="compact-xs"
                              variant="subtle"
                              color="gray"
                              onClick={() => handlers.onFollowUp(i)}
                            >
                              {t('insideSales.followUp.open')}
                            </Button>
                          </Group>
                        </Stack>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Group justify="space-between">
            <Text size="sm" c="dimmed" data-testid="queue-count">
              {t('insideSales.queue.showing', { count: Math.min(shown, rows.length), total })}
            </Text>
          </Group>
          {rows.length > shown ? (
            <LoadMore count={shown} hasMore loading={false} onMore={() => setShown((n) => n + PAGE)} />
          ) : null}
        </>
      )}
    </Stack>
  );
}
