import { Alert, Anchor, Group, SegmentedControl, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadMore, useCursorList } from '../../app/cursor-list.tsx';
import { EmptyState, ErrorState, PageLoader } from '../../app/query-state.tsx';
import type { ExpansionSignal, TeamMember } from './api.ts';
import { MemberSelect } from './member-select.tsx';
import { AcceptSignalDialog, DismissSignalDialog } from './signal-dialogs.tsx';
import { SignalTable } from './signal-table.tsx';

const STATUSES = ['open', 'accepted', 'dismissed'] as const;

/** Expansion signals to decide (open by default), for one AM's accounts or all. */
export function SignalList({
  team,
  initialAm,
  onOpen,
}: {
  team: TeamMember[];
  initialAm: string | null;
  onOpen: (account: { id: string; name: string }) => void;
}) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<string>('open');
  const [am, setAm] = useState<string | null>(initialAm);
  const [q, setQ] = useState('');
  const [search] = useDebouncedValue(q, 250);
  const [sort, setSort] = useState('-detectedAt');
  const [accepting, setAccepting] = useState<ExpansionSignal | null>(null);
  const [dismissing, setDismissing] = useState<ExpansionSignal | null>(null);
  const [created, setCreated] = useState<{ opportunityId: string; name: string } | null>(null);
  const list = useCursorList<ExpansionSignal>('/success/expansion-signals', {
    status,
    amUserId: am,
    q: search,
    sort,
  });
  return (
    <>
      {created ? (
        <Alert
          color="grape"
          variant="light"
          mb="md"
          withCloseButton
          onClose={() => setCreated(null)}
          data-testid="signal-accepted"
        >
          {t('success.signals.accepted', { name: created.name })}{' '}
          <Anchor component={Link} to={`/field-sales/opportunities/${created.opportunityId}`}>
            {t('success.signals.openDeal')}
          </Anchor>
        </Alert>
      ) : null}
      <Group mb="md" gap="sm" align="flex-end">
        <TextInput
          label={t('common.search')}
          placeholder={t('success.health.searchPlaceholder')}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          w={240}
          type="search"
        />
        <MemberSelect label={t('success.team.am')} team={team} memberRole="am" value={am} onChange={setAm} />
        <SegmentedControl
          aria-label={t('success.signals.statusFilter')}
          value={status}
          onChange={setStatus}
          data={STATUSES.map((s) => ({ value: s, label: t(`success.signals.statuses.${s}`) }))}
        />
      </Group>
      {list.isPending ? (
        <PageLoader />
      ) : list.error && list.items.length === 0 ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.items.length === 0 ? (
        <EmptyState title={t('success.signals.emptyTitle')} hint={t('success.signals.emptyHint')} />
      ) : (
        <>
          <SignalTable
            rows={list.items}
            sort={sort}
            onSort={setSort}
            onOpen={onOpen}
            onAccept={setAccepting}
            onDismiss={setDismissing}
          />
          {list.error ? <ErrorState error={list.error} /> : null}
          <LoadMore
            count={list.items.length}
            hasMore={list.hasNextPage}
            loading={list.isFetchingNextPage}
            onMore={() => void list.fetchNextPage()}
          />
        </>
      )}
      {accepting ? (
        <AcceptSignalDialog
          signal={accepting}
          onClose={() => setAccepting(null)}
          onAccepted={(opportunityId) => {
            setCreated({ opportunityId, name: accepting.accountName ?? '' });
            setAccepting(null);
          }}
        />
      ) : null}
      {dismissing ? <DismissSignalDialog signal={dismissing} onClose={() => setDismissing(null)} /> : null}
    </>
  );
}
