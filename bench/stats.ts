/** Order statistics of benchmark samples. */
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

/** The middle sample (the mean of the two middle ones for an even count); 0 without samples. */
export function median(xs: number[]): number {
  const s = sorted(xs);
  if (s.length === 0) return 0;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The 90th percentile (nearest rank); 0 without samples. */
export const p90 = (xs: number[]) => sorted(xs)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.9) - 1)] ?? 0;
