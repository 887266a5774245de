import { instantOfWall } from '../platform/zoned-time.ts';

/**
 * Dates in CRM exports: ISO with an offset is absolute; a naive timestamp
 * ("2024-04-01 10:30", "2024/4/1 10:30:00", "2024-04-01") is read in the workspace time zone.
 */
const NAIVE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;
const ABSOLUTE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** The instant, or null when the text is not a date we can read. */
export function parseExportDate(text: string, timeZone: string): Date | null {
  const t = text.trim();
  if (ABSOLUTE.test(t)) {
    const d = new Date(t);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  const m = NAIVE.exec(t);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(
    Number,
  ) as number[];
  const wall = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
  const check = new Date(wall);
  if (check.getUTCMonth() !== mo! - 1 || check.getUTCDate() !== d! || h! > 23 || mi! > 59 || s! > 59)
    return null;
  return instantOfWall(wall, timeZone);
}
