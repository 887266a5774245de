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

function exactOffsetMs(utcMs: number, timeZone: string): number {
  const second = Math.floor(utcMs / 1000) * 1000;
  const p = zonedParts(new Date(second), timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - second;
}

const HOUR_MS = 3_600_000;
// Per zone and UTC hour: the offset when it is the same at the hour's first and last second,
// null when a clock change falls inside the hour (then each instant is asked exactly). Imports
// and rollups ask for millions of instants but only a few thousand distinct hours.
const hourOffsets = new Map<string, Map<number, number | null>>();

/** The zone's offset from UTC at an instant (ms; whole seconds). */
export function zoneOffsetMs(utcMs: number, timeZone: string): number {
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

/** The instant of a local wall-clock time written as if it were UTC milliseconds. */
export function instantOfWall(wallMs: number, timeZone: string): Date {
  const first = wallMs - zoneOffsetMs(wallMs, timeZone);
  // A second pass settles instants near an offset change (DST).
  return new Date(wallMs - zoneOffsetMs(first, timeZone));
}

/** The instant of a local wall-clock time (month 1-12; overflowing days and months roll over). */
export function zonedTime(year: number, month: number, day: number, timeZone: string, hour = 0): Date {
  return instantOfWall(Date.UTC(year, month - 1, day, hour), timeZone);
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
  const ms = at.getTime();
  return new Date(ms + zoneOffsetMs(ms, timeZone)).toISOString().slice(0, 10);
}
