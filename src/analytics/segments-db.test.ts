import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/db.ts';
import { newWorkspace } from '../../test/factories.ts';
import { accounts } from '../crm/schema.ts';
import type { RequestContext } from '../platform/context.ts';
import type { Database } from '../platform/db/open-database.ts';
import { DEFAULT_TIERS, type Tiers, tierOf } from '../routing/segments.ts';
import { workspaces } from '../workspace/schema.ts';
import { lookupSlices } from './store.ts';

let database: Database;
let ctx: RequestContext;
beforeAll(async () => {
  database = await createTestDatabase();
  ctx = (await newWorkspace(database)).ctx;
});
afterAll(() => database.close());

async function segmentsOf(rows: { employeeCount: number | null; tier: string | null }[]) {
  const ids = rows.map(() => randomUUID());
  await ctx.db
    .insert(accounts)
    .values(rows.map((r, i) => ({ workspaceId: ctx.workspaceId, id: ids[i]!, name: `株式会社${i}`, ...r })));
  const slices = await lookupSlices(ctx, 'account', ids);
  return ids.map((id) => slices.get(id)!.segment);
}

const setTiers = (tiers: Tiers | null) =>
  ctx.db
    .update(workspaces)
    .set({ settings: tiers ? { salesFloor: { tiers } } : {} })
    .where(eq(workspaces.id, ctx.workspaceId));

const tiersArb = fc.uniqueArray(
  fc.record({
    key: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
    minEmployees: fc.integer({ min: 0, max: 2000 }),
  }),
  { minLength: 1, maxLength: 4, selector: (t) => t.key },
);
const accountArb = fc.record({
  employeeCount: fc.option(fc.integer({ min: 0, max: 3000 }), { nil: null }),
  tier: fc.option(fc.constantFrom('stored_tier'), { nil: null, freq: 4 }),
});

describe('the segment slice', () => {
  it('is the tier routing gives the account: stored, else by employee count against the default tiers', async () => {
    await setTiers(null);
    expect(
      await segmentsOf([
        { employeeCount: 5000, tier: null },
        { employeeCount: 300, tier: null },
        { employeeCount: 12, tier: null },
        { employeeCount: null, tier: null },
        { employeeCount: 12, tier: 'enterprise' },
      ]),
    ).toEqual(['enterprise', 'mid_market', 'smb', '', 'enterprise']);
  });

  it('property: equals routing’s tierOf under any tiers the workspace configures', async () => {
    await fc.assert(
      fc.asyncProperty(
        tiersArb,
        fc.array(accountArb, { minLength: 1, maxLength: 12 }),
        async (tiers, rows) => {
          await setTiers(tiers);
          expect(await segmentsOf(rows)).toEqual(
            rows.map((r) => tierOf({ ...r, industry: null, region: null }, tiers) ?? ''),
          );
        },
      ),
      { numRuns: 25 },
    );
    await setTiers(null);
    expect(await segmentsOf([{ employeeCount: 250, tier: null }])).toEqual([
      tierOf({ employeeCount: 250, tier: null, industry: null, region: null }, DEFAULT_TIERS),
    ]);
  });
});
