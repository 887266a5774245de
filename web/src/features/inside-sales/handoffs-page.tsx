import { Alert, Button, Group, Paper, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Page } from '../../app/api.ts';
import { CursorListBody, useCursorList } from '../../app/cursor-list.tsx';
import { SearchField, useListSearch } from '../../app/list-toolbar.tsx';
import { PageHeader } from '../../app/page-header.tsx';
import { EmptyState } from '../../app/query-state.tsx';
import { useSession } from '../../app/session.tsx';
import type { Handoff, UserRow } from './api.ts';
import { HandoffDrawer } from './handoff-drawer.tsx';
import { HandoffTable } from './handoff-table.tsx';
import { useCanPickRep } from './rep-picker.tsx';

const STATUSES = ['open', 'accepted', 'rejected', 'all'] as const;
type Scope = 'mine' | 'unassigned' | 'all';
const WORKING_ROLES = ['mdr', 'sdr', 'ae', 'onb', 'csm', 'am', 'adr', 'marketing'];

export default function HandoffsPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const canSeeAll = useCanPickRep();
  // The role whose unassigned queue this user works (an MDR's inbound MQLs, an SDR's outbound).
  const myRole = user.roles.find((r) => WORKING_ROLES.includes(r.role))?.role ?? null;
  const [scope, setScope] = useState<Scope>(canSeeAll && !myRole ? 'all' : 'mine');
  const [status, setStatus] = useState<(typeof STATUSES)[number]>('open');
  const { q, setQ, search } = useListSearch();
  const [sort, setSort] = useState('dueAt');
  const [selected, setSelected] = useState<Handoff | null>(null);
  const [flash, setFlash] = useState<string | null>(null);
  const list = useCursorList<Handoff>('/handoffs', {
    status: status === 'all' ? undefined : status,
    toUserId: scope === 'mine' ? user.id : undefined,
    unassigned: scope === 'unassigned' ? 'true' : undefined,
    toRole: scope === 'unassigned' ? (myRole ?? undefined) : undefined,
    q: search,
    sort,
  });
  const users = useQuery({
    queryKey: ['/users', 'is-reps'],
    queryFn: () =>
      api<Page<UserRow>>('/users', { query: { status: 'active', sort: 'displayName', limit: 200 } }),
  });
  const names = useMemo(
    () => new Map((users.data?.items ?? []).map((u) => [u.id, u.displayName])),
    [users.data],
  );
  const receiver = (h: Handoff) =>
    h.toUserId ? (names.get(h.toUserId) ?? t('common.none')) : t('insideSales.handoffs.unassigned');
  const scopes: Scope[] = [
    'mine',
    ...(myRole ? (['unassigned'] as const) : []),
    ...(canSeeAll ? (['all'] as const) : []),
  ];

  return (
    <>
      <PageHeader
        title={t('insideSales.handoffs.title')}
        description={t('insideSales.handoffs.description')}
      />
      <Stack gap="md">
        {flash ? (
          <Alert
            color="teal"
            variant="light"
            withCloseButton
            onClose={() => setFlash(null)}
            role="status"
            data-testid="flash"
          >
            {flash}
          </Alert>
        ) : null}
        <Paper withBorder p="md" radius="md">
          <Group mb="md" gap="md" align="flex-end">
            <Stack gap={4}>
              <Text size="sm" fw={500} id="handoff-status-label">
                {t('insideSales.handoffs.status')}
              </Text>
              <SegmentedControl
                aria-labelledby="handoff-status-label"
                value={status}
                onChange={(v) => setStatus(v as typeof status)}
                data={STATUSES.map((s) => ({ value: s, label: t(`insideSales.handoffs.statuses.${s}`) }))}
                data-testid="status-filter"
              />
            </Stack>
            <Select
              label={t('insideSales.handoffs.scope')}
              data={scopes.map((s) => ({ value: s, label: t(`insideSales.handoffs.scopes.${s}`) }))}
              value={scope}
              onChange={(v) => v && setScope(v as Scope)}
              allowDeselect={false}
              w={220}
            />
            <SearchField
              placeholder={t('insideSales.handoffs.searchPlaceholder')}
              value={q}
              onChange={setQ}
              w={260}
            />
          </Group>
          <CursorListBody
            list={list}
            empty={
              <EmptyState
                title={t('insideSales.handoffs.emptyTitle')}
                hint={
                  status === 'open' && !search
                    ? t('insideSales.handoffs.emptyOpenHint')
                    : t('insideSales.handoffs.emptyHint')
                }
                action={
                  scope === 'mine' && myRole ? (
                    <Button variant="light" onClick={() => setScope('unassigned')}>
                      {t('insideSales.handoffs.scopes.unassigned')}
                    </Button>
                  ) : undefined
                }
              />
            }
          >
            <HandoffTable
              items={list.items}
              sort={sort}
              onSort={setSort}
              receiver={receiver}
              onOpen={setSelected}
            />
          </CursorListBody>
        </Paper>
      </Stack>
      {selected ? (
        <HandoffDrawer
          handoff={selected}
          receiver={receiver(selected)}
          onClose={() => setSelected(null)}
          onDone={(message) => {
            setSelected(null);
            setFlash(message);
          }}
        />
      ) : null}
    </>
  );
}
