import holidayJp from '@holiday-jp/holiday_jp';
import { z } from 'zod';
import { instantOfWall, zoneOffsetMs } from '../platform/zoned-time.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;

/** When a workspace works: hours of the day in its time zone, weekdays, and holidays. */
export interface BusinessCalendar {
  timeZone: string;
  /** Minutes after local midnight: the working day is [startMinute, endMinute). */
  startMinute: number;
  endMinute: number;
  /** Working weekdays, 0 = Sunday … 6 = Saturday. */
  workdays: readonly number[];
  /** A local date (YYYY-MM-DD) that is a holiday. */
  isHoliday: (dateKey: string) => boolean;
}

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time such as 09:00');

/** The calendar part of workspaces.settings; every field has DOMAIN.md's default. */
export const calendarSettingsSchema = z
  .strictObject({
    start: hhmm.default('09:00'),
    end: hhmm.default('18:00'),
    workdays: z.array(z.int().min(0).max(6)).min(1).max(7).default([1, 2, 3, 4, 5]),
    /** jp: Japanese public holidays; none: only the extra dates. */
    holidays: z.enum(['jp', 'none']).default('jp'),
    extraHolidays: z.array(z.iso.date()).max(400).default([]),
  })
  .refine((c) => c.start < c.end, { message: 'the working day must end after it starts', path: ['end'] });
export type CalendarSettings = z.infer<typeof calendarSettingsSchema>;

const toMinutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

/** A workspace's calendar from its time zone and `settings.businessHours` (defaults if absent). */
export function workspaceCalendar(timeZone: string, settings: unknown): BusinessCalendar {
  const raw = (settings as { businessHours?: unknown } | null)?.businessHours ?? {};
  const parsed = calendarSettingsSchema.safeParse(raw);
  const c = parsed.success ? parsed.data : calendarSettingsSchema.parse({});
  const extra = new Set(c.extraHolidays);
  const jp = holidayJp.holidays as Record<string, unknown>;
  return {
    timeZone,
    startMinute: toMinutes(c.start),
    endMinute: toMinutes(c.end),
    workdays: c.workdays,
    isHoliday: (key) => extra.has(key) || (c.holidays === 'jp' && key in jp),
  };
}

/** Local wall-clock milliseconds (as if UTC) of an instant in a zone. */
const toLocal = (t: number, tz: string) => t + zoneOffsetMs(t, tz);
const toUtc = (local: number, tz: string) => instantOfWall(local, tz).getTime();

/** The working window [start, end) of the local day beginning at `dayStart`, or null. */
function windowOf(dayStart: number, cal: BusinessCalendar): [number, number] | null {
  const d = new Date(dayStart);
  if (!cal.workdays.includes(d.getUTCDay())) return null;
  if (cal.isHoliday(d.toISOString().slice(0, 10))) return null;
  return [dayStart + cal.startMinute * MINUTE, dayStart + cal.endMinute * MINUTE];
}

/** Ten years of days: a calendar with no working day at all must not loop forever. */
const MAX_DAYS = 3660;

/**
 * The instant `hours` business hours after `start`: only time inside the working day of a
 * working weekday that is not a holiday counts (an MQL at 17:30 on Friday with a 1-hour SLA
 * is due at 9:30 on Monday). Pure: the calendar carries the zone and the holidays.
 */
export function addBusinessHours(start: Date, hours: number, cal: BusinessCalendar): Date {
  if (hours <= 0) return start;
  let remaining = Math.round(hours * 3_600_000);
  let cursor = toLocal(start.getTime(), cal.timeZone);
  for (let i = 0; i < MAX_DAYS; i++) {
    const dayStart = Math.floor(cursor / DAY) * DAY;
    const w = windowOf(dayStart, cal);
    if (w) {
      const from = Math.max(cursor, w[0]);
      if (from < w[1]) {
        const available = w[1] - from;
        if (remaining <= available) return new Date(toUtc(from + remaining, cal.timeZone));
        remaining -= available;
      }
    }
    cursor = dayStart + DAY;
  }
  throw new Error('The business calendar has no working time within ten years; check its workdays.');
}

/** Business milliseconds between two instants (0 if `to` is not after `from`). */
export function businessMsBetween(from: Date, to: Date, cal: BusinessCalendar): number {
  const a = toLocal(from.getTime(), cal.timeZone);
  const b = toLocal(to.getTime(), cal.timeZone);
  let total = 0;
  for (let day = Math.floor(a / DAY) * DAY; day < b; day += DAY) {
    const w = windowOf(day, cal);
    if (w) total += Math.max(0, Math.min(b, w[1]) - Math.max(a, w[0]));
  }
  return total;
}

/** Whether an instant lies inside working time (the end of a working day counts as inside). */
export function isBusinessTime(at: Date, cal: BusinessCalendar): boolean {
  const local = toLocal(at.getTime(), cal.timeZone);
  const w = windowOf(Math.floor(local / DAY) * DAY, cal);
  return w !== null && local >= w[0] && local <= w[1];
}
