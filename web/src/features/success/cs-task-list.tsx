import { SegmentedControl, Select } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CursorListBody, useCursorList } from '../../app/cursor-list.tsx';
import { ListToolbar, SearchField, useListSearch } from '../../app/list-toolbar.tsx';
import { EmptyState } from '../../app/query-state.tsx';
import type { SuccessTask, TeamMember } from './api.ts';
import { CsTaskTable } from './cs-task-table.tsx';
import { TASK_KINDS } from './task-kind-badge.tsx';

/**
 * A filterable list of Customer Success tasks: one kind (the risk tab) or any (with a kind
 * filter), open by default, for one assignee or everyone.
 */
export function CsTaskList({
  kind,
  team,
  initialAssignee,
  onOpen,
}: {
  kind: string | null;
  team: TeamMember[];
  initialAssignee: string | null;
  onOpen: (account: { id: string; name: string }) => void;
}) {
  const { t } = useTranslation();
  const [status, setStatus] = useState('open');
  const [assignee, setAssignee] = useState<string | null>(initialAssignee);
  const [kindFilter, setKindFilter] = useState<string | null>(null);
  const { q, setQ, search } = useListSearch();
  const [sort, setSort] = useState('dueAt');
  const list = useCursorList<SuccessTask>(
    '/success/tasks',
    {
      kind: kind ?? kindFilter,
      status,
      assigneeUserId: assignee,
      q: search,
      sort,
    },
    25,
  );
  // Each member once, whichever CS roles they hold.
  const members = [...new Map(team.map((m) => [m.userId, m.displayName])).entries()];
  return (
    <>
      <ListToolbar>
        <SearchField placeholder={t('success.tasks.searchPlaceholder')} value={q} onChange={setQ} w={240} />
        <Select
          label={t('success.columns.assignee')}
          placeholder={t('common.all')}
          clearable
          searchable
          data={members.map(([value, label]) => ({ value, label }))}
          value={assignee}
          onChange={setAssignee}
          w={200}
        />
        {kind === null ? (
          <Select
            label={t('success.columns.kind')}
            placeholder={t('common.all')}
            clearable
            data={TASK_KINDS.map((k) => ({ value: k, label: t(`success.taskKinds.${k}`) }))}
            value={kindFilter}
            onChange={setKindFilter}
            w={200}
          />
        ) : null}
        <SegmentedControl
          aria-label={t('success.tasks.statusFilter')}
          value={status}
          onChange={setStatus}
          data={(['open', 'done', 'cancelled'] as const).map((s) => ({
            value: s,
            label: t(`success.tasks.statuses.${s}`),
          }))}
        />
      </ListToolbar>
      <CursorListBody
        list={list}
        empty={
          <EmptyState
            title={kind === 'health_risk' ? t('success.tasks.noRisksTitle') : t('success.tasks.emptyTitle')}
            hint={kind === 'health_risk' ? t('success.tasks.noRisksHint') : t('success.tasks.emptyHint')}
          />
        }
      >
        <CsTaskTable
          rows={list.items}
          sort={sort}
          onSort={setSort}
          onOpen={onOpen}
          showKind={kind === null}
        />
      </CursorListBody>
    </>
  );
}
