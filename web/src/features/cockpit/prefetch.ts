import { loadCharts } from '../../app/chart.tsx';
import { queryClient } from '../../app/query-client.ts';
import { signedIn } from '../../app/session.tsx';
import { funnelQuery, kpisQuery, stagesQuery } from './api.ts';
import { localToday, periodFromSearch } from './period.ts';

/**
 * Asks for the cockpit's first reports (the KPI tree, the lead funnel and its stages) as soon
 * as the session is known, and starts loading the charts: run by the router on a full load
 * of /cockpit (this module is small, so it does not wait for the page's code and its
 * dependencies), and again by the page itself (answers already asked are reused).
 */
export async function prefetchCockpit(): Promise<void> {
  void loadCharts();
  const me = await signedIn;
  if (!me || window.location.pathname !== '/cockpit') return;
  const { timeZone, fiscalYearStartMonth: fyStart } = me.workspace;
  const today = localToday(timeZone);
  const period = periodFromSearch(new URLSearchParams(window.location.search), fyStart, today);
  const range = { by: period.grain, from: period.start, to: period.to };
  await Promise.all([
    queryClient.prefetchQuery(kpisQuery(range)),
    queryClient.prefetchQuery(stagesQuery('lead')),
    queryClient.prefetchQuery(funnelQuery(range, 'period', 'lead')),
  ]);
}
