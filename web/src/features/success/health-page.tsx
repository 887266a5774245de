import { Paper, SegmentedControl, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import { CursorListBody, useCursorList } from '../../app/cursor-list.tsx';
import { ListToolbar, SearchField, useListSearch } from '../../app/list-toolbar.tsx';
import { PageHeader } from '../../app/page-header.tsx';
import { ErrorState, ListEmpty, PageLoader } from '../../app/query-state.tsx';
import { BAND_FILTERS, type BandFilter, type CustomerRow, type CustomerSummary } from './api.ts';
import { CustomerDrawer } from './customer-drawer.tsx';
import { CustomerTable } from './customer-table.tsx';
import { HealthMix } from './health-mix.tsx';
import { MemberSelect } from './member-select.tsx';
import { useMyRoles } from './use-my-roles.ts';
import { useSuccessSettings } from './use-success-settings.ts';

export default function HealthPage() {
  const { t } = useTranslation();
  const me = useMyRoles();
  const { q, setQ, search } = useListSearch();
  const [band, setBand] = useState<BandFilter | null>(null);
  // A CSM starts with their own book; everyone else with every account.
  const [csm, setCsm] = useState<string | null>(me.isCsm ? me.userId : null);
  const [sort, setSort] = useState('healthScore');
  const [open, setOpen] = useState<CustomerRow | null>(null);
  const filters = { q: search, csmUserId: csm };
  const summary = useQuery({
    queryKey: ['/success/accounts/summary', filters],
    queryFn: () => api<CustomerSummary>('/success/accounts/summary', { query: filters }),
  });
  const settings = useSuccessSettings();
  const list = useCursorList<CustomerRow>('/success/accounts', { ...filters, band, sort });
  const filtered = Boolean(search || band || csm);

  return (
    <>
      <PageHeader title={t('success.health.title')} description={t('success.health.description')} />
      <Stack gap="md">
        {summary.error ? (
          <ErrorState error={summary.error} onRetry={() => void summary.refetch()} />
        ) : summary.data ? (
          <HealthMix
            summary={summary.data}
            band={band}
            onBand={setBand}
            thresholds={settings.data?.config.health ?? null}
          />
        ) : (
          <PageLoader />
        )}
        <Paper withBorder p="md" radius="md">
          <ListToolbar>
            <SearchField
              placeholder={t('success.health.searchPlaceholder')}
              value={q}
              onChange={setQ}
              w={260}
            />
            <MemberSelect
              label={t('success.team.csm')}
              team={summary.data?.team ?? []}
              memberRole="csm"
              value={csm}
              onChange={setCsm}
            />
            <div>
              <SegmentedControl
                aria-label={t('success.health.bandFilter')}
                value={band ?? 'all'}
                onChange={(v) => setBand(v === 'all' ? null : (v as BandFilter))}
                data={[
                  { value: 'all', label: t('common.all') },
                  ...BAND_FILTERS.map((b) => ({ value: b, label: t(`success.bands.${b}`) })),
                ]}
              />
            </div>
          </ListToolbar>
          <CursorListBody
            list={list}
            empty={
              <ListEmpty
                filtered={filtered}
                title={t('success.health.emptyTitle')}
                hint={t('success.health.emptyHint')}
                filteredTitle={t('success.health.emptyFilteredTitle')}
                filteredHint={t('success.health.emptyFilteredHint')}
              />
            }
          >
            <CustomerTable rows={list.items} sort={sort} onSort={setSort} onOpen={setOpen} />
          </CursorListBody>
        </Paper>
      </Stack>
      <CustomerDrawer account={open} onClose={() => setOpen(null)} />
    </>
  );
}
