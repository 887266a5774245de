/**
 * Dates in CRM exports: ISO with an offset is absolute; a naive timestamp
 * ("2024-04-01 10:30", "2024/4/1 10:30:00", "2024-04-01") is read in the workspace time zone.
 */
const NAIVE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;
const ABSOLUTE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The zone's offset at a whole-second instant, from the formatter (slow: tens of µs). */
function exactOffsetMs(utcMs: number, timeZone: string): number {
  const parts = formatter(timeZone).formatToParts(new Date(utcMs));
  const n = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second')) - utcMs;
}

const HOUR_MS = 3_600_000;
// Per zone and UTC hour: the offset when it is the same at the hour's first and last second,
// null when a transition falls inside the hour (then every instant is asked exactly). An
// import of a million rows reads a few thousand distinct hours, not millions of offsets.
const hourOffsets = new Map<string, Map<number, number | null>>();

function offsetMs(utcMs: number, timeZone: string): number {
  let hours = hourOffsets.get(timeZone);
  if (!hours) {
    hours = new Map();
    hourOffsets.set(timeZone, hours);
  }
  const hour = Math.floor(utcMs / HOUR_MS);
  let offset = hours.get(hour);
  if (offset === undefined) {
    const first = exactOffsetMs(hour * HOUR_MS, timeZone);
    offset = first === exactOffsetMs(hour * HOUR_MS + HOUR_MS - 1000, timeZone) ? first : null;
    if (hours.size > 200_000) hours.clear();
    hours.set(hour, offset);
  }
  return offset ?? exactOffsetMs(utcMs, timeZone);
}

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
  let utc = wall - offsetMs(wall, timeZone);
  utc = wall - offsetMs(utc, timeZone);
  return new Date(utc);
}
