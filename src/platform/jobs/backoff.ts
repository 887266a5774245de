const BASE_MS = 5_000;
const MAX_MS = 3_600_000;

/**
 * Exponential backoff: 5 s after the first failure, doubling, at most an hour. No jitter:
 * retries are spread already by when their jobs first ran, and tests stay exact.
 */
export function retryDelayMs(attempts: number): number {
  return Math.min(MAX_MS, BASE_MS * 2 ** Math.max(0, attempts - 1));
}

export function retryAt(attempts: number, now: Date): Date {
  return new Date(now.getTime() + retryDelayMs(attempts));
}
