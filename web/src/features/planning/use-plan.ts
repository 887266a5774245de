import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useRef } from 'react';
import { api } from '../../app/api.ts';
import type { Levers, PlanRequest, ReversePlan } from './api.ts';

const reverse = (body: PlanRequest) => api<ReversePlan>('/plan/reverse', { method: 'POST', body });

/**
 * The plan for the (debounced) request, the plan with nothing overridden (what was
 * measured, to show beside each override) and the levers. While a new answer loads, the
 * last one stays on screen; a rejected request leaves it there and reports the error.
 */
export function usePlan(request: PlanRequest | null) {
  const enabled = request !== null;
  const plan = useQuery({
    queryKey: ['/plan/reverse', request],
    queryFn: () => reverse(request!),
    enabled,
    placeholderData: keepPreviousData,
  });
  const measuredRequest = request && { ...request, overrides: {} };
  const measured = useQuery({
    queryKey: ['/plan/reverse', measuredRequest],
    queryFn: () => reverse(measuredRequest!),
    enabled,
    placeholderData: keepPreviousData,
  });
  const levers = useQuery({
    queryKey: ['/plan/levers', request],
    queryFn: () => api<Levers>('/plan/levers', { method: 'POST', body: request! }),
    enabled,
    placeholderData: keepPreviousData,
  });
  return {
    plan,
    measured,
    levers,
    lastPlan: useLast(plan.data),
    lastMeasured: useLast(measured.data),
    lastLevers: useLast(levers.data),
  };
}

/** The last answer that came back: a rejected override must not blank the screen. */
function useLast<T>(data: T | undefined): T | undefined {
  const last = useRef(data);
  if (data !== undefined) last.current = data;
  return last.current;
}
