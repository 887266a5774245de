import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { RequestContext } from '../platform/context.ts';
import { listQueryBase } from '../platform/http/list-query.ts';
import { customerAccountsPage, customerTeam, healthMix } from './customer-list-store.ts';
import { customerScope } from './customer-scope.ts';
import { parseInput } from './parse-input.ts';

export const HEALTH_FILTERS = ['green', 'yellow', 'red', 'unscored'] as const;
const CUSTOMER_STAGES = ['onboarding', 'adoption', 'renewal', 'expansion', 'churned'] as const;

const customerFilters = {
  band: z.enum(HEALTH_FILTERS).optional(),
  stage: z.enum(CUSTOMER_STAGES).optional(),
  csmUserId: z.uuid().optional(),
  onbUserId: z.uuid().optional(),
  amUserId: z.uuid().optional(),
};

export const customerListQuerySchema = z.strictObject({ ...listQueryBase, ...customerFilters });
export const customerSummaryQuerySchema = z.strictObject({
  ...customerFilters,
  q: listQueryBase.q,
});

/**
 * Customer accounts (churned ones only with `stage=churned`) with health, trend, MRR,
 * next renewal, ONB/CSM/AM and onboarding progress; sortable, searchable by name.
 */
export async function listCustomers(ctx: RequestContext, raw: z.input<typeof customerListQuerySchema>) {
  const { limit, cursor, sort, q, ...filters } = parseInput(customerListQuerySchema, raw, 'The list query');
  const scope = await customerScope(ctx, 'read', sql`c.account_id`);
  return customerAccountsPage(
    ctx,
    { ...filters, scope },
    { limit, cursor, sort: sort ?? 'name', q: q || undefined },
  );
}

const BANDS = ['green', 'yellow', 'red', 'unscored'] as const;

/**
 * The health mix of the customer accounts matching the filters (the band filter aside):
 * accounts and MRR per band and in total, and the ONB/CSM/AM members with their books.
 */
export async function summariseCustomers(
  ctx: RequestContext,
  raw: z.input<typeof customerSummaryQuerySchema>,
) {
  const { q, ...filters } = parseInput(customerSummaryQuerySchema, raw, 'The summary query');
  const scope = await customerScope(ctx, 'read', sql`c.account_id`);
  const [mix, team] = await Promise.all([
    healthMix(ctx, { ...filters, scope }, q || undefined),
    customerTeam(ctx),
  ]);
  const bands = Object.fromEntries(
    BANDS.map((band) => {
      const row = mix.find((m) => m.band === band);
      return [band, { accounts: Number(row?.accounts ?? 0), mrr: Number(row?.mrr ?? 0) }];
    }),
  ) as Record<(typeof BANDS)[number], { accounts: number; mrr: number }>;
  const total = Object.values(bands).reduce(
    (s, b) => ({ accounts: s.accounts + b.accounts, mrr: s.mrr + b.mrr }),
    { accounts: 0, mrr: 0 },
  );
  return { bands, total, team: team.map((m) => ({ ...m, accounts: Number(m.accounts) })) };
}
