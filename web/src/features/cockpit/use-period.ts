import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useSession } from '../../app/session.tsx';
import { type Grain, localToday, type Period, periodFromSearch, periodOf } from './period.ts';

/** The period the cockpit shows, kept in the URL (`?by=…&from=…`) so a link opens the same view. */
export function usePeriod() {
  const { workspace } = useSession();
  const [params, setParams] = useSearchParams();
  const today = localToday(workspace.timeZone);
  const fyStart = workspace.fiscalYearStartMonth;
  const period = useMemo(() => periodFromSearch(params, fyStart, today), [params, fyStart, today]);
  const setPeriod = (p: Period) =>
    setParams(
      (old) => {
        const next = new URLSearchParams(old);
        next.set('by', p.grain);
        next.set('from', p.start);
        return next;
      },
      { replace: true },
    );
  const setGrain = (grain: Grain) =>
    setPeriod(periodOf(period.current ? today : period.start, grain, fyStart, today));
  return { period, setPeriod, setGrain, today, fyStart };
}

/** The query string that carries the period to another cockpit page. */
export const periodSearch = (p: Period) => `?by=${p.grain}&from=${p.start}`;
