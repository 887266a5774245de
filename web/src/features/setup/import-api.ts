import { useQuery } from '@tanstack/react-query';
import { ApiError, api, type ErrorDetail } from '../../app/api.ts';
import type { ImportFormat, ImportRun } from './api.ts';

function csrfToken(): string | undefined {
  const match = /(?:^|;\s*)baton_csrf=([^;]+)/.exec(document.cookie);
  return match ? decodeURIComponent(match[1]!) : undefined;
}

/**
 * Sends a CSV as `text/csv` (the shared client sends JSON only) and starts a background
 * run; the API answers at once with the run to poll.
 */
export async function startImportRun(
  format: ImportFormat,
  csv: string,
  options: { dryRun: boolean; skipInvalid: boolean },
): Promise<ImportRun> {
  const query = new URLSearchParams({
    dryRun: String(options.dryRun),
    skipInvalid: String(options.skipInvalid),
  });
  const token = csrfToken();
  let res: Response;
  try {
    res = await fetch(`/api/v1/import/${format}/runs?${query}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'text/csv', ...(token ? { 'x-csrf-token': token } : {}) },
      body: csv,
    });
  } catch {
    throw new ApiError(0, 'network', '');
  }
  const json = (await res.json().catch(() => undefined)) as
    | ImportRun
    | { error?: { code?: string; message?: string; details?: ErrorDetail[] } }
    | undefined;
  if (!res.ok) {
    const error = json && 'error' in json ? json.error : undefined;
    throw new ApiError(res.status, error?.code ?? 'unexpected', error?.message ?? '', error?.details ?? []);
  }
  return json as ImportRun;
}

/** Follows a run until it is done or failed. */
export function useImportRun(id: string | null) {
  return useQuery({
    queryKey: ['/import/runs', id],
    queryFn: () => api<ImportRun>(`/import/runs/${id}`),
    enabled: id !== null,
    refetchInterval: (q) => (q.state.data && q.state.data.status !== 'running' ? false : 500),
  });
}
