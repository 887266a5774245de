import { Anchor, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { loadCharts } from '../../app/chart.tsx';
import { PageHeader } from '../../app/page-header.tsx';
import { useFunnel, useKpis } from './api.ts';
import { FunnelSection } from './funnel-section.tsx';
import { KpiSection } from './kpi-section.tsx';
import { PeriodPicker, usePeriodName } from './period-picker.tsx';
import { prefetchCockpit } from './prefetch.ts';
import { TopBottlenecks } from './top-bottlenecks.tsx';
import { Trends } from './trends.tsx';
import { periodSearch, usePeriod } from './use-period.ts';

void loadCharts();
void prefetchCockpit();

export default function CockpitPage() {
  const { t } = useTranslation();
  const { period, setPeriod, setGrain, today, fyStart } = usePeriod();
  const name = usePeriodName();
  const range = { by: period.grain, from: period.start, to: period.to };
  // The KPI tree and the funnel are asked first; the bottleneck analysis and the trends, the
  // heaviest reports, only after them (the embedded database answers one query at a time).
  const kpis = useKpis(range);
  const funnel = useFunnel(range, 'period', 'lead');
  const later = kpis.isPending || funnel.isPending;
  return (
    <>
      <PageHeader
        title={t('cockpit.overview.title')}
        description={t('cockpit.overview.description')}
        actions={
          <Anchor component={Link} to={`/cockpit/bottlenecks${periodSearch(period)}`}>
            {t('cockpit.overview.toBottlenecks')}
          </Anchor>
        }
      />
      <Stack gap="lg">
        <PeriodPicker
          period={period}
          today={today}
          fyStart={fyStart}
          onChange={setPeriod}
          onGrain={setGrain}
        />
        <KpiSection range={range} periodName={name(period)} />
        <TopBottlenecks period={period} deferred={later} />
        <FunnelSection range={range} />
        <Trends today={today} fyStart={fyStart} deferred={later} />
      </Stack>
    </>
  );
}
