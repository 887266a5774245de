import { Button, Paper, Select, SimpleGrid, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useFormat } from '../../app/format.ts';
import { ListToolbar, SearchField } from '../../app/list-toolbar.tsx';
import { PageHeader } from '../../app/page-header.tsx';
import { EmptyState, ErrorState, PageLoader } from '../../app/query-state.tsx';
import { useDirectory } from './directory.ts';
import { fetchHygiene, HYGIENE_FLAGS, selectIssues } from './hygiene-data.ts';
import { FLAG_COLORS, useFlagLabel } from './hygiene-flags.tsx';
import { HygieneIssues } from './hygiene-issues.tsx';
import { HygienePeople } from './hygiene-people.tsx';

const PAGE = 25;

export default function HygienePage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const directory = useDirectory();
  const flagLabel = useFlagLabel();
  const [params, setParams] = useSearchParams();
  const [shown, setShown] = useState(PAGE);
  const hygiene = useQuery({ queryKey: ['/pipeline/hygiene'], queryFn: fetchHygiene });
  const get = (key: string) => params.get(key);
  const set = (key: string, value: string | null) => {
    setShown(PAGE);
    setParams(
      (p) => {
        if (value) p.set(key, value);
        else p.delete(key);
        return p;
      },
      { replace: true },
    );
  };
  const q = get('q') ?? '';
  const sort = get('sort') ?? 'closeDate';
  const filter = { owner: get('owner'), manager: get('manager'), flag: get('flag'), q, sort };
  const issues = selectIssues(hygiene.data?.issues ?? [], filter);
  const filtered = Boolean(filter.owner || filter.manager || filter.flag || q);
  const personName = (key: string | null, empty: string) =>
    key === 'none' ? empty : (directory.userName(key) ?? t('common.none'));

  if (hygiene.isPending) return withHeader(<PageLoader />);
  if (hygiene.error)
    return withHeader(<ErrorState error={hygiene.error} onRetry={() => void hygiene.refetch()} />);
  const report = hygiene.data;

  function withHeader(body: ReactNode) {
    return (
      <>
        <PageHeader title={t('fieldSales.hygiene.title')} description={t('fieldSales.hygiene.description')} />
        {body}
      </>
    );
  }

  if (report.totals.opportunities === 0)
    return withHeader(
      <Paper withBorder radius="md">
        <EmptyState title={t('fieldSales.hygiene.emptyTitle')} hint={t('fieldSales.hygiene.emptyHint')} />
      </Paper>,
    );

  return withHeader(
    <Stack>
      <SimpleGrid cols={{ base: 2, md: 5 }}>
        <Paper withBorder p="md" radius="md">
          <Text size="xs" c="dimmed" fw={600}>
            {t('fieldSales.hygiene.total')}
          </Text>
          <Text size="xl" fw={700} data-testid="hygiene-total">
            {fmt.number(report.totals.opportunities)}
          </Text>
        </Paper>
        {HYGIENE_FLAGS.map((f) => (
          <UnstyledButton
            key={f}
            onClick={() => set('flag', filter.flag === f ? null : f)}
            aria-pressed={filter.flag === f}
          >
            <Paper
              withBorder
              p="md"
              radius="md"
              h="100%"
              style={{
                borderColor: filter.flag === f ? `var(--mantine-color-${FLAG_COLORS[f]}-6)` : undefined,
              }}
            >
              <Text size="xs" c="dimmed" fw={600}>
                {flagLabel(f)}
              </Text>
              <Text
                size="xl"
                fw={700}
                c={report.totals.flags[f] ? FLAG_COLORS[f] : 'dimmed'}
                data-testid={`hygiene-flag-${f}`}
              >
                {fmt.number(report.totals.flags[f])}
              </Text>
            </Paper>
          </UnstyledButton>
        ))}
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <HygienePeople
          title={t('fieldSales.hygiene.byOwner')}
          rows={report.byOwner}
          selected={filter.owner}
          onSelect={(v) => set('owner', v)}
          emptyName={t('fieldSales.card.unowned')}
          testId="hygiene-owners"
        />
        <HygienePeople
          title={t('fieldSales.hygiene.byManager')}
          rows={report.byManager}
          selected={filter.manager}
          onSelect={(v) => set('manager', v)}
          emptyName={t('fieldSales.hygiene.noManager')}
          testId="hygiene-managers"
        />
      </SimpleGrid>
      <Paper withBorder p="md" radius="md">
        <Title order={2} size="h4" mb="sm">
          {t('fieldSales.hygiene.issues')}
        </Title>
        <ListToolbar>
          <SearchField
            placeholder={t('fieldSales.hygiene.searchPlaceholder')}
            value={q}
            onChange={(v) => set('q', v)}
            w={260}
          />
          <Select
            label={t('fieldSales.hygiene.flag')}
            placeholder={t('common.all')}
            clearable
            data={HYGIENE_FLAGS.map((f) => ({ value: f, label: flagLabel(f) }))}
            value={filter.flag}
            onChange={(v) => set('flag', v)}
            w={240}
          />
          {filter.owner || filter.manager ? (
            <Button variant="light" onClick={() => setParams(new URLSearchParams(), { replace: true })}>
              {t('fieldSales.hygiene.filteredBy', {
                name: filter.owner
                  ? personName(filter.owner, t('fieldSales.card.unowned'))
                  : personName(filter.manager, t('fieldSales.hygiene.noManager')),
              })}{' '}
              · {t('common.clearFilters')}
            </Button>
          ) : null}
        </ListToolbar>
        {issues.length === 0 && filtered ? (
          <EmptyState
            title={t('fieldSales.hygiene.emptyFilteredTitle')}
            hint={t('fieldSales.hygiene.emptyFilteredHint')}
          />
        ) : (
          <HygieneIssues
            issues={issues}
            shown={shown}
            sort={sort}
            onSort={(s) => set('sort', s)}
            onMore={() => setShown((n) => n + PAGE)}
          />
        )}
      </Paper>
    </Stack>,
  );
}
