import { Group, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import { LoadMore, useCursorList } from '../../app/cursor-list.tsx';
import { useFormat } from '../../app/format.ts';
import { ListToolbar, SearchField, useListSearch } from '../../app/list-toolbar.tsx';
import { PageHeader } from '../../app/page-header.tsx';
import { EmptyState, ErrorState, PageLoader } from '../../app/query-state.tsx';
import { BAND_FILTERS, type CustomerSummary, type Renewal, type RenewalMonth } from './api.ts';
import { CustomerDrawer } from './customer-drawer.tsx';
import { MemberSelect } from './member-select.tsx';
import { monthLabel } from './month-label.ts';
import { RenewalCalendar } from './renewal-calendar.tsx';
import { RenewalsTable } from './renewals-table.tsx';
import { RunRenewalsButton } from './run-renewals.tsx';
import { useMyRoles } from './use-my-roles.ts';

export default function RenewalsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useMyRoles();
  const [csm, setCsm] = useState<string | null>(me.isCsm ? me.userId : null);
  const [month, setMonth] = useState<string | null>(null);
  const [band, setBand] = useState<string | null>(null);
  const { q, setQ, search } = useListSearch();
  const [sort, setSort] = useState('renewsOn');
  const [open, setOpen] = useState<{ id: string; name: string } | null>(null);
  const calendar = useQuery({
    queryKey: ['/success/renewals/calendar', { csm }],
    queryFn: () =>
      api<{ months: RenewalMonth[] }>('/success/renewals/calendar', { query: { csmUserId: csm } }),
  });
  const team = useQuery({
    queryKey: ['/success/accounts/summary', {}],
    queryFn: () => api<CustomerSummary>('/success/accounts/summary'),
  });
  const months = calendar.data?.months ?? [];
  const picked = months.find((m) => m.month === month);
  const range = picked ?? (months.length ? { from: months[0]!.from, to: months.at(-1)!.to } : null);
  const list = useCursorList<Renewal>(
    '/success/renewals',
    {
      from: range?.from,
      to: range?.to,
      csmUserId: csm,
      band,
      q: search,
      sort,
    },
    25,
  );
  const total = months.reduce((s, m) => ({ renewals: s.renewals + m.renewals, mrr: s.mrr + m.mrr }), {
    renewals: 0,
    mrr: 0,
  });

  return (
    <>
      <PageHeader
        title={t('success.renewals.title')}
        description={t('success.renewals.description')}
        actions={me.isAdmin ? <RunRenewalsButton /> : null}
      />
      <Stack gap="md">
        <Paper withBorder p="md" radius="md">
          <Group justify="space-between" mb="sm" align="flex-end">
            <Text size="sm" c="dimmed" data-testid="renewals-total">
              {t('success.renewals.total', { n: fmt.number(total.renewals), mrr: fmt.money(total.mrr) })}
            </Text>
            <MemberSelect
              label={t('success.team.csm')}
              team={team.data?.team ?? []}
              memberRole="csm"
              value={csm}
              onChange={setCsm}
            />
          </Group>
          {calendar.isPending ? (
            <PageLoader />
          ) : calendar.error ? (
            <ErrorState error={calendar.error} onRetry={() => void calendar.refetch()} />
          ) : (
            <RenewalCalendar months={months} selected={month} onSelect={setMonth} />
          )}
        </Paper>
        <Paper withBorder p="md" radius="md">
          <Title order={2} size="h4" mb="sm">
            {picked
              ? t('success.renewals.monthTitle', { month: monthLabel(fmt.locale, picked.month, 'long') })
              : t('success.renewals.allTitle')}
          </Title>
          <ListToolbar>
            <SearchField
              placeholder={t('success.renewals.searchPlaceholder')}
              value={q}
              onChange={setQ}
              w={260}
            />
            <Select
              label={t('success.columns.health')}
              placeholder={t('common.all')}
              clearable
              data={BAND_FILTERS.map((b) => ({ value: b, label: t(`success.bands.${b}`) }))}
              value={band}
              onChange={setBand}
              w={160}
            />
          </ListToolbar>
          {list.isPending || !range ? (
            <PageLoader />
          ) : list.error && list.items.length === 0 ? (
            <ErrorState error={list.error} onRetry={() => void list.refetch()} />
          ) : list.items.length === 0 ? (
            <EmptyState title={t('success.renewals.emptyTitle')} hint={t('success.renewals.emptyHint')} />
          ) : (
            <>
              <RenewalsTable rows={list.items} sort={sort} onSort={setSort} onOpen={setOpen} />
              {list.error ? <ErrorState error={list.error} /> : null}
              <LoadMore
                count={list.items.length}
                hasMore={list.hasNextPage}
                loading={list.isFetchingNextPage}
                onMore={() => void list.fetchNextPage()}
              />
            </>
          )}
        </Paper>
      </Stack>
      <CustomerDrawer account={open} onClose={() => setOpen(null)} />
    </>
  );
}
