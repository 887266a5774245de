import { Group, Paper, SegmentedControl, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useFormat } from '../../app/format.ts';
import { PageHeader } from '../../app/page-header.tsx';
import { EmptyState, ErrorState, PageLoader } from '../../app/query-state.tsx';
import { useSession } from '../../app/session.tsx';
import { useDirectory } from './directory.ts';
import { ForecastChart, type NamedLine } from './forecast-chart.tsx';
import {
  calendarMonth,
  type ForecastLine,
  fetchForecast,
  parsePeriod,
  periodChoices,
} from './forecast-data.ts';
import { ForecastTable } from './forecast-table.tsx';

export default function ForecastPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useSession();
  const directory = useDirectory();
  const [params, setParams] = useSearchParams();
  const period = params.get('period');
  const view = params.get('view') === 'team' ? 'team' : 'owner';
  const sort = params.get('sort') ?? '-closed';
  const set = (key: string, value: string | null) =>
    setParams(
      (p) => {
        if (value) p.set(key, value);
        else p.delete(key);
        return p;
      },
      { replace: true },
    );
  const forecast = useQuery({
    queryKey: ['/forecast', period],
    queryFn: () => fetchForecast(period),
    placeholderData: keepPreviousData,
  });

  const periodLabel = (key: string) => {
    const p = parsePeriod(key);
    if (!p) return key;
    if (p.quarter) return t('fieldSales.forecast.quarter', { year: p.year, q: p.quarter });
    if (p.month) {
      const c = calendarMonth(p.year, p.month, me.workspace.fiscalYearStartMonth);
      const calendar = new Intl.DateTimeFormat(fmt.locale, {
        year: 'numeric',
        month: 'long',
        timeZone: 'UTC',
      }).format(Date.UTC(c.year, c.month - 1, 1));
      return t('fieldSales.forecast.month', { year: p.year, calendar });
    }
    return t('fieldSales.forecast.fiscalYear', { year: p.year });
  };

  const header = (
    <PageHeader title={t('fieldSales.forecast.title')} description={t('fieldSales.forecast.description')} />
  );
  if (forecast.isPending)
    return (
      <>
        {header}
        <PageLoader />
      </>
    );
  if (forecast.error && !forecast.data)
    return (
      <>
        {header}
        <ErrorState error={forecast.error} onRetry={() => void forecast.refetch()} />
      </>
    );
  const data = forecast.data;
  const shownKey = data.period.key;
  const choices = periodChoices(shownKey);
  const group = (label: string, keys: string[]) => ({
    group: label,
    items: keys.map((k) => ({ value: k, label: periodLabel(k) })),
  });

  const lines: NamedLine[] =
    view === 'owner'
      ? data.byOwner.map((l) => ({
          ...l,
          key: l.ownerUserId ?? 'none',
          name: directory.userName(l.ownerUserId) ?? t('fieldSales.forecast.unowned'),
        }))
      : data.byTeam.map((l) => ({
          ...l,
          key: l.teamId ?? 'none',
          name: directory.teamName(l.teamId) ?? t('fieldSales.forecast.noTeam'),
        }));
  const mineLine = data.byOwner.find((l) => l.ownerUserId === me.user.id);
  const headline: ForecastLine = mineLine ?? data.total;
  const empty = data.total.openCount === 0 && data.total.wonCount === 0 && data.total.quota === null;
  const stats: [string, string, string][] = [
    ['closed', t('fieldSales.forecast.closed'), fmt.money(headline.closed)],
    ['commit', t('fieldSales.forecast.commit'), fmt.money(headline.commit)],
    ['bestCase', t('fieldSales.forecast.bestCase'), fmt.money(headline.bestCase)],
    ['pipeline', t('fieldSales.forecast.pipeline'), fmt.money(headline.pipeline)],
    ['weighted', t('fieldSales.forecast.weighted'), fmt.money(headline.weighted)],
    [
      'quota',
      t('fieldSales.forecast.quota'),
      headline.quota === null ? t('fieldSales.forecast.noQuota') : fmt.money(headline.quota),
    ],
    [
      'coverage',
      t('fieldSales.forecast.coverage'),
      headline.coverage === null
        ? t('common.none')
        : t('fieldSales.forecast.coverageValue', { value: fmt.number(headline.coverage) }),
    ],
  ];

  return (
    <>
      {header}
      <Group mb="md" gap="md" align="flex-end">
        <Select
          label={t('fieldSales.forecast.period')}
          data={[
            group(t('fieldSales.forecast.years'), choices.years),
            group(t('fieldSales.forecast.quarters'), choices.quarters),
            group(t('fieldSales.forecast.months', { year: parsePeriod(shownKey)?.year }), choices.months),
          ]}
          value={shownKey}
          onChange={(v) => set('period', v)}
          allowDeselect={false}
          w={280}
          data-testid="period-picker"
        />
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('fieldSales.forecast.view')}
          </Text>
          <SegmentedControl
            value={view}
            onChange={(v) => set('view', v === 'team' ? 'team' : null)}
            data={[
              { value: 'owner', label: t('fieldSales.forecast.byOwner') },
              { value: 'team', label: t('fieldSales.forecast.byTeam') },
            ]}
          />
        </Stack>
        <Text size="sm" c="dimmed" pb={6}>
          {t('fieldSales.forecast.periodRange', {
            start: fmt.calendarDate(data.period.startDate),
            end: fmt.calendarDate(previousDay(data.period.endDate)),
          })}
        </Text>
      </Group>
      {forecast.error ? <ErrorState error={forecast.error} /> : null}
      {empty ? (
        <Paper withBorder radius="md">
          <EmptyState title={t('fieldSales.forecast.emptyTitle')} hint={t('fieldSales.forecast.emptyHint')} />
        </Paper>
      ) : (
        <Stack>
          <Paper withBorder p="md" radius="md">
            <Title order={2} size="h5" mb="sm">
              {mineLine
                ? t('fieldSales.forecast.mineTitle', { name: me.user.displayName })
                : t('fieldSales.forecast.total')}
            </Title>
            <SimpleGrid cols={{ base: 2, sm: 4, lg: 7 }} data-testid="forecast-headline">
              {stats.map(([key, label, value]) => (
                <Stack key={key} gap={2}>
                  <Text size="xs" c="dimmed" fw={600}>
                    {label}
                  </Text>
                  <Text size="lg" fw={700} className="num" ta="left" data-testid={`headline-${key}`}>
                    {value}
                  </Text>
                </Stack>
              ))}
            </SimpleGrid>
          </Paper>
          <Paper withBorder p="md" radius="md">
            <ForecastChart lines={lines} periodLabel={periodLabel(shownKey)} />
          </Paper>
          <Paper withBorder p="md" radius="md">
            <ForecastTable
              lines={lines}
              total={data.total}
              mine={view === 'owner' ? me.user.id : null}
              sort={sort}
              onSort={(s) => set('sort', s)}
            />
          </Paper>
        </Stack>
      )}
    </>
  );
}

/** The API gives the first day after the period; people read the last day in it. */
function previousDay(isoDay: string): string {
  return new Date(Date.parse(`${isoDay}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}
