import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api.ts';
import type { SuccessSettings } from './api.ts';

/** The settings in force (thresholds, factor targets, renewal lead days); they rarely change. */
export function useSuccessSettings() {
  return useQuery({
    queryKey: ['/success/settings'],
    queryFn: () => api<SuccessSettings>('/success/settings'),
    staleTime: 300_000,
  });
}
