import { Group, Paper, SegmentedControl, SimpleGrid, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import { useFormat } from '../../app/format.ts';
import { PageHeader } from '../../app/page-header.tsx';
import { EmptyState, ErrorState, PageLoader } from '../../app/query-state.tsx';
import { useSession } from '../../app/session.tsx';
import { MRR_GRAINS, type MrrGrain, type MrrReport } from './api.ts';
import { MrrMovementsChart, MrrWaterfall } from './mrr-charts.tsx';
import { MrrStats } from './mrr-stats.tsx';
import { MrrTable } from './mrr-table.tsx';
import { periodLabel } from './period-label.ts';

export default function MrrPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { workspace } = useSession();
  const [grain, setGrain] = useState<MrrGrain>('month');
  const [picked, setPicked] = useState<number | null>(null);
  const report = useQuery({
    queryKey: ['/reports/mrr', grain],
    queryFn: () => api<MrrReport>('/reports/mrr', { query: { by: grain } }),
  });
  const periods = report.data?.periods ?? [];
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: workspace.timeZone }).format(new Date());
  // The period still running is marked, and the cards open on the last complete one.
  const labels = periods.map((p) => {
    const label = periodLabel(t, fmt.locale, grain, p.period);
    return p.to >= today ? t('success.mrr.toDate', { period: label }) : label;
  });
  const lastComplete = periods.findLastIndex((p) => p.to < today);
  const selected =
    picked !== null && picked < periods.length
      ? picked
      : lastComplete >= 0
        ? lastComplete
        : periods.length - 1;
  const period = periods[selected];
  const empty = periods.every((p) => p.start === 0 && p.end === 0 && p.new === 0);

  return (
    <>
      <PageHeader
        title={t('success.mrr.title')}
        description={t('success.mrr.description')}
        actions={
          <SegmentedControl
            aria-label={t('success.mrr.grain')}
            value={grain}
            onChange={(v) => {
              setGrain(v as MrrGrain);
              setPicked(null);
            }}
            data={MRR_GRAINS.map((g) => ({ value: g, label: t(`success.mrr.grains.${g}`) }))}
          />
        }
      />
      {report.isPending ? (
        <PageLoader />
      ) : report.error ? (
        <ErrorState error={report.error} onRetry={() => void report.refetch()} />
      ) : empty || !period ? (
        <EmptyState title={t('success.mrr.emptyTitle')} hint={t('success.mrr.emptyHint')} />
      ) : (
        <Stack gap="md">
          <Group justify="space-between">
            <Text size="sm" c="dimmed" data-testid="mrr-selected-period" data-period={period.period}>
              {t('success.mrr.selected', {
                period: labels[selected],
                from: fmt.calendarDate(period.from),
                to: fmt.calendarDate(period.to),
              })}
            </Text>
          </Group>
          <MrrStats period={period} label={labels[selected] ?? ''} />
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
            <Paper withBorder p="md" radius="md">
              <MrrMovementsChart periods={periods} labels={labels} onPick={setPicked} />
            </Paper>
            <Paper withBorder p="md" radius="md">
              <MrrWaterfall period={period} label={labels[selected] ?? ''} />
            </Paper>
          </SimpleGrid>
          <Paper withBorder p="md" radius="md">
            <MrrTable periods={periods} labels={labels} selected={selected} onPick={setPicked} />
          </Paper>
        </Stack>
      )}
    </>
  );
}
