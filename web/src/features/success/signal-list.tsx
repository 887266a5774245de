import { Alert, Anchor, SegmentedControl } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CursorListBody, useCursorList } from '../../app/cursor-list.tsx';
import { ListToolbar, SearchField, useListSearch } from '../../app/list-toolbar.tsx';
import { EmptyState } from '../../app/query-state.tsx';
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
  const { q, setQ, search } = useListSearch();
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
      <ListToolbar>
        <SearchField placeholder={t('success.health.searchPlaceholder')} value={q} onChange={setQ} w={240} />
        <MemberSelect label={t('success.team.am')} team={team} memberRole="am" value={am} onChange={setAm} />
        <SegmentedControl
          aria-label={t('success.signals.statusFilter')}
          value={status}
          onChange={setStatus}
          data={STATUSES.map((s) => ({ value: s, label: t(`success.signals.statuses.${s}`) }))}
        />
      </ListToolbar>
      <CursorListBody
        list={list}
        empty={<EmptyState title={t('success.signals.emptyTitle')} hint={t('success.signals.emptyHint')} />}
      >
        <SignalTable
          rows={list.items}
          sort={sort}
          onSort={setSort}
          onOpen={onOpen}
          onAccept={setAccepting}
          onDismiss={setDismissing}
        />
      </CursorListBody>
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
