import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/db.ts';
import type { RequestContext } from '../platform/context.ts';
import type { Database } from '../platform/db/open-database.ts';
import { queryRows } from '../platform/db/query-rows.ts';
import { reportMrr } from '../success/report-mrr.ts';
import { generateDemo } from './generate-demo.ts';

let database: Database;
let ctx: RequestContext;
beforeAll(async () => {
  database = await createTestDatabase();
  const anchor = new Date('2026-11-01T00:00:00Z');
  const demo = await generateDemo(database.db, {
    seed: 7,
    people: 1500,
    months: 12,
    anchor,
    slug: 'demo-cs',
  });
  ctx = {
    workspaceId: demo.workspaceId,
    db: database.db,
    now: () => anchor,
    actor: { type: 'system', userId: null, roles: ['admin'] },
  };
}, 600_000);
afterAll(async () => {
  await database.close();
});

describe('demo: a year of customer success', () => {
  it('has subscriptions with new, expansion, contraction and churn that bridge exactly', async () => {
    const report = await reportMrr(ctx, { from: '2025-10-01', to: '2026-10-31', by: 'month' });
    const sum = (k: 'new' | 'expansion' | 'contraction' | 'churn') =>
      report.periods.reduce((s, p) => s + p[k], 0);
    for (const k of ['new', 'expansion', 'contraction', 'churn'] as const)
      expect(sum(k), k).toBeGreaterThan(0);
    for (const p of report.periods)
      expect(p.end).toBe(p.start + p.new + p.expansion + p.reactivation - p.contraction - p.churn);
    expect(report.periods.at(-1)!.end).toBeGreaterThan(0);
  });

  it('has health signals, renewals, onboarding hand-offs and recycled contacts', async () => {
    const rows = await queryRows<{ kind: string; n: number }>(
      ctx.db,
      sql`select kind, count(*)::int as n from tasks where workspace_id = ${ctx.workspaceId} group by kind`,
    );
    const kinds = Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)]));
    for (const k of ['onboarding', 'cs_handoff', 'health_risk', 'renewal'])
      expect(kinds[k] ?? 0, k).toBeGreaterThan(0);
    const [snap] = await queryRows<{ n: number }>(
      ctx.db,
      sql`select count(*)::int as n from health_snapshots where workspace_id = ${ctx.workspaceId}`,
    );
    expect(Number(snap!.n)).toBeGreaterThan(0);
    const [recycled] = await queryRows<{ n: number }>(
      ctx.db,
      sql`select count(*)::int as n from stage_history where workspace_id = ${ctx.workspaceId} and to_stage = 'recycled' and reason like 'account churned%'`,
    );
    expect(Number(recycled!.n)).toBeGreaterThan(0);
  });
});
