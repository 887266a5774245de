/**
 * Calendar arithmetic in a workspace's IANA time zone with the platform's Intl data, so
 * weeks and fiscal periods start at local midnight (Asia/Tokyo by default).
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export interface ZonedParts {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Monday … 6 = Sunday */
  weekday: number;
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export function zonedParts(at: Date, timeZone: string): ZonedParts {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(at)) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS.indexOf(parts.weekday ?? 'Mon'),
  };
}

function offsetMs(at: Date, timeZone: string): number {
  const p = zonedParts(at, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/** The instant of a local wall-clock time (month 1-12; overflowing days and months roll over). */
export function zonedTime(year: number, month: number, day: number, timeZone: string, hour = 0): Date {
  const guess = Date.UTC(year, month - 1, day, hour);
  const first = guess - offsetMs(new Date(guess), timeZone);
  // A second pass settles instants near an offset change (DST).
  return new Date(guess - offsetMs(new Date(first), timeZone));
}

/** Local midnight starting the day of `at`. */
export function startOfZonedDay(at: Date, timeZone: string): Date {
  const p = zonedParts(at, timeZone);
  return zonedTime(p.year, p.month, p.day, timeZone);
}

/** Local midnight of the Monday starting the week of `at`, and the next Monday. */
export function zonedWeek(at: Date, timeZone: string): { start: Date; end: Date } {
  const p = zonedParts(at, timeZone);
  return {
    start: zonedTime(p.year, p.month, p.day - p.weekday, timeZone),
    end: zonedTime(p.year, p.month, p.day - p.weekday + 7, timeZone),
  };
}

/** The local calendar date of `at` as YYYY-MM-DD. */
export function zonedDate(at: Date, timeZone: string): string {
  const p = zonedParts(at, timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}
