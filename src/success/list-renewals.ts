import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { RequestContext } from '../platform/context.ts';
import { invalid } from '../platform/errors.ts';
import { listQueryBase } from '../platform/http/list-query.ts';
import { customerScope } from './customer-scope.ts';
import { addDaysToDay, addMonthsToDay, dayIn } from './fiscal-periods.ts';
import { HEALTH_FILTERS } from './list-customers.ts';
import { parseInput } from './parse-input.ts';
import { renewalMonths, renewalsPage } from './renewal-list-store.ts';
import { workspaceCalendar } from './store.ts';
import { isoDay } from './subscriptions.ts';

export const renewalListQuerySchema = z.strictObject({
  ...listQueryBase,
  from: isoDay.optional(),
  to: isoDay.optional(),
  csmUserId: z.uuid().optional(),
  band: z.enum(HEALTH_FILTERS).optional(),
});

export const renewalCalendarQuerySchema = z.strictObject({
  /** The first month, YYYY-MM (default: this month in the workspace time zone). */
  from: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM')
    .optional(),
  months: z.coerce.number().int().min(1).max(36).default(12),
  csmUserId: z.uuid().optional(),
});

/** Today and the same day twelve months on, less a day, in the workspace's time zone. */
async function nextTwelveMonths(ctx: RequestContext) {
  const { timeZone } = await workspaceCalendar(ctx);
  const today = dayIn(ctx.now(), timeZone);
  return { from: today, to: addDaysToDay(addMonthsToDay(today, 12), -1) };
}

/** Active subscriptions renewing in a range (default: the next 12 months), soonest first. */
export async function listRenewals(ctx: RequestContext, raw: z.input<typeof renewalListQuerySchema>) {
  const input = parseInput(renewalListQuerySchema, raw, 'The renewal query');
  const { limit, cursor, sort, q, ...rest } = input;
  const from = input.from ?? (await nextTwelveMonths(ctx)).from;
  const to = input.to ?? addDaysToDay(addMonthsToDay(from, 12), -1);
  if (from > to) throw invalid('to', `The end (${to}) is before the start (${from}).`);
  return renewalsPage(
    ctx,
    { ...rest, from, to, scope: await customerScope(ctx, 'read', sql`s.account_id`) },
    { limit, cursor, sort: sort ?? 'renewsOn', q: q || undefined },
  );
}

type Band = (typeof HEALTH_FILTERS)[number];
export interface RenewalMonth {
  month: string;
  from: string;
  to: string;
  renewals: number;
  mrr: number;
  bands: Record<Band, { renewals: number; mrr: number }>;
}

/** Renewals per month for `months` months: how many, how much MRR, and by health band. */
export async function renewalCalendar(
  ctx: RequestContext,
  raw: z.input<typeof renewalCalendarQuerySchema>,
): Promise<{ months: RenewalMonth[] }> {
  const input = parseInput(renewalCalendarQuerySchema, raw, 'The calendar query');
  const first = input.from ? `${input.from}-01` : `${(await nextTwelveMonths(ctx)).from.slice(0, 7)}-01`;
  const last = addDaysToDay(addMonthsToDay(first, input.months), -1);
  const scope = await customerScope(ctx, 'read', sql`s.account_id`);
  const rows = await renewalMonths(ctx, { from: first, to: last, csmUserId: input.csmUserId, scope });
  const months: RenewalMonth[] = [];
  for (let i = 0; i < input.months; i++) {
    const from = addMonthsToDay(first, i);
    const month = from.slice(0, 7);
    const bands = Object.fromEntries(
      HEALTH_FILTERS.map((band) => {
        const row = rows.find((r) => r.month === month && r.band === band);
        return [band, { renewals: Number(row?.renewals ?? 0), mrr: Number(row?.mrr ?? 0) }];
      }),
    ) as RenewalMonth['bands'];
    const all = Object.values(bands);
    months.push({
      month,
      from,
      to: addDaysToDay(addMonthsToDay(from, 1), -1),
      renewals: all.reduce((s, b) => s + b.renewals, 0),
      mrr: all.reduce((s, b) => s + b.mrr, 0),
      bands,
    });
  }
  return { months };
}
