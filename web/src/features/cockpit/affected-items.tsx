import { Anchor, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadMore, SortableTh, useCursorList } from '../../app/cursor-list.tsx';
import { useFormat } from '../../app/format.ts';
import { SearchField, useListSearch } from '../../app/list-toolbar.tsx';
import { EmptyState, ErrorState, PageLoader } from '../../app/query-state.tsx';
import type { Finding } from './api.ts';
import { RecordRow } from './record-row.tsx';
import { LINKS, type PersonRecord, personName } from './records.ts';
import { useStageLabels } from './stage-labels.ts';

/** Everyone in a stage now, longest there first: who to look at when a stage converts badly. */
function StagePeople({ stage }: { stage: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { label } = useStageLabels('lead');
  const { q, setQ, search } = useListSearch();
  const [sort, setSort] = useState('stageEnteredAt');
  const list = useCursorList<PersonRecord>('/people', { lifecycleStage: stage, q: search, sort }, 20);
  return (
    <Stack gap="xs" data-testid="stage-people">
      <Group justify="space-between" align="flex-end">
        <Text size="sm">{t('cockpit.affected.inStage', { stage: label(stage) })}</Text>
        <SearchField
          placeholder={t('cockpit.affected.searchPeople')}
          value={q}
          onChange={setQ}
          size="xs"
          w={240}
        />
      </Group>
      {list.isPending ? (
        <PageLoader />
      ) : list.error && list.items.length === 0 ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.items.length === 0 ? (
        <EmptyState title={t('cockpit.affected.noneInStage')} hint={t('cockpit.affected.noneInStageHint')} />
      ) : (
        <>
          <Table verticalSpacing={6}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('cockpit.affected.name')}</Table.Th>
                <Table.Th>{t('cockpit.affected.email')}</Table.Th>
                <SortableTh field="stageEnteredAt" sort={sort} onSort={setSort}>
                  {t('cockpit.affected.stageSince')}
                </SortableTh>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.items.map((p) => (
                <Table.Tr key={p.id} data-testid="affected-row" data-type="person">
                  <Table.Td>
                    <Anchor component={Link} to={LINKS.person(p.id)} size="sm">
                      {personName(p)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{p.email ?? t('common.none')}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{fmt.date(p.stageEnteredAt)}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <LoadMore
            count={list.items.length}
            hasMore={list.hasNextPage}
            loading={list.isFetchingNextPage}
            onMore={() => void list.fetchNextPage()}
          />
        </>
      )}
    </Stack>
  );
}

/** The days an anomaly flagged, against the band. */
function AnomalyDays({ finding }: { finding: Finding }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const outliers = (finding.evidence.outliers as { day: string; v: number }[] | undefined) ?? [];
  const mean = Number(finding.evidence.mean ?? 0);
  return (
    <Table verticalSpacing={6} data-testid="anomaly-days">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('cockpit.affected.day')}</Table.Th>
          <Table.Th ta="right">{t('cockpit.affected.value')}</Table.Th>
          <Table.Th ta="right">{t('cockpit.affected.vsMean')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {outliers.map((o) => (
          <Table.Tr key={o.day} data-testid="affected-row" data-type="day">
            <Table.Td>{fmt.calendarDate(o.day)}</Table.Td>
            <Table.Td className="num">{fmt.number(o.v)}</Table.Td>
            <Table.Td className="num">
              {o.v >= mean ? '+' : '−'}
              {fmt.number(Math.round(Math.abs(o.v - mean) * 100) / 100)}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** The drill-down: the people, deals, accounts, hand-offs, members or days a finding is about. */
export function AffectedItems({ finding }: { finding: Finding }) {
  const { t } = useTranslation();
  const records = finding.affected.filter((a) => a.type !== 'stage' && a.type !== 'day');
  const stages = finding.affected.filter((a) => a.type === 'stage');
  const days = finding.affected.some((a) => a.type === 'day');
  return (
    <Stack gap="xs" data-testid="affected-items">
      <Title order={4} size="h6">
        {t('cockpit.affected.title')}
      </Title>
      {records.length > 0 ? (
        <>
          <Text size="xs" c="dimmed">
            {t('cockpit.affected.listed', { n: records.length })}
          </Text>
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing={6}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('cockpit.affected.type')}</Table.Th>
                  <Table.Th>{t('cockpit.affected.name')}</Table.Th>
                  <Table.Th>{t('cockpit.affected.detail')}</Table.Th>
                  <Table.Th>{t('cockpit.affected.when')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {records.map((a) => (
                  <RecordRow key={`${a.type}-${a.id}`} type={a.type} id={a.id} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      ) : null}
      {stages.map((s) => (
        <StagePeople key={s.id} stage={s.id} />
      ))}
      {days ? <AnomalyDays finding={finding} /> : null}
      {records.length === 0 && stages.length === 0 && !days ? (
        <Text size="sm" c="dimmed">
          {t('cockpit.affected.none')}
        </Text>
      ) : null}
    </Stack>
  );
}
