import { Group, Paper, SegmentedControl, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import { CursorListBody, useCursorList } from '../../app/cursor-list.tsx';
import { ListToolbar, SearchField, useListSearch } from '../../app/list-toolbar.tsx';
import { PageHeader } from '../../app/page-header.tsx';
import { EmptyState, ErrorState, PageLoader } from '../../app/query-state.tsx';
import type { CustomerRow, CustomerSummary, OnboardingKpis } from './api.ts';
import { MemberSelect } from './member-select.tsx';
import { OnboardingChecklist } from './onboarding-checklist.tsx';
import { OnboardingKpiCards } from './onboarding-kpis.tsx';
import { OnboardingTable } from './onboarding-table.tsx';
import { useMyRoles } from './use-my-roles.ts';

const WINDOWS = ['90', '180', '365'] as const;

export default function OnboardingPage() {
  const { t } = useTranslation();
  const me = useMyRoles();
  const [days, setDays] = useState<string>('365');
  // An ONB starts with the customers they onboard.
  const [onb, setOnb] = useState<string | null>(me.isOnb ? me.userId : null);
  const { q, setQ, search } = useListSearch();
  const [sort, setSort] = useState('onboardingStartedAt');
  const [openId, setOpenId] = useState<string | null>(null);
  const kpis = useQuery({
    queryKey: ['/reports/onboarding', days],
    queryFn: () => api<OnboardingKpis>('/reports/onboarding', { query: { days } }),
  });
  const team = useQuery({
    queryKey: ['/success/accounts/summary', {}],
    queryFn: () => api<CustomerSummary>('/success/accounts/summary'),
  });
  const list = useCursorList<CustomerRow>('/success/accounts', {
    stage: 'onboarding',
    onbUserId: onb,
    q: search,
    sort,
  });
  // The drawer follows the list's fresh row, so its progress moves as items are completed.
  const open = list.items.find((r) => r.id === openId) ?? null;

  return (
    <>
      <PageHeader title={t('success.onboarding.title')} description={t('success.onboarding.description')} />
      <Stack gap="md">
        <Group justify="space-between" align="center">
          <Text size="sm" c="dimmed">
            {t('success.onboarding.kpiWindow', { days })}
          </Text>
          <SegmentedControl
            aria-label={t('success.onboarding.window')}
            value={days}
            onChange={setDays}
            data={WINDOWS.map((d) => ({ value: d, label: t('success.onboarding.lastDays', { days: d }) }))}
          />
        </Group>
        {kpis.isPending ? (
          <PageLoader />
        ) : kpis.error ? (
          <ErrorState error={kpis.error} onRetry={() => void kpis.refetch()} />
        ) : (
          <OnboardingKpiCards kpis={kpis.data} />
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
              label={t('success.team.onb')}
              team={team.data?.team ?? []}
              memberRole="onb"
              value={onb}
              onChange={setOnb}
            />
          </ListToolbar>
          <CursorListBody
            list={list}
            empty={
              <EmptyState
                title={t('success.onboarding.emptyTitle')}
                hint={
                  onb || search
                    ? t('success.onboarding.emptyFilteredHint')
                    : t('success.onboarding.emptyHint')
                }
              />
            }
          >
            <OnboardingTable
              rows={list.items}
              sort={sort}
              onSort={setSort}
              onOpen={(row) => setOpenId(row.id)}
            />
          </CursorListBody>
        </Paper>
      </Stack>
      <OnboardingChecklist account={open} onClose={() => setOpenId(null)} />
    </>
  );
}
