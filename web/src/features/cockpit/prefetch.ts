import { queryClient } from '../../app/query-client.ts';
import { signedIn } from '../../app/session.tsx';
import { funnelQuery, kpisQuery, stagesQuery } from './api.ts';
import { localToday, periodFromSearch } from './period.ts';

/**
 * Asks for the cockpit's first reports (the KPI tree, the lead funnel and its stages) as soon
 * as the session is known, while the app is still rendering: the cockpit's code is loaded in
 * parallel with the session check, so its data need not wait for the first render.
 */
export async function prefetchCockpit(): Promise<void> {
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
