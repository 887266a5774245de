import { and, eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/db.ts';
import { newWorkspace } from '../../test/factories.ts';
import { newAccount, newHandoff, newMember, newPerson, newTeam } from '../../test/sales-floor.ts';
import { people } from '../crm/schema.ts';
import { handoffs } from '../lifecycle/schema.ts';
import type { RequestContext } from '../platform/context.ts';
import type { Database } from '../platform/db/open-database.ts';
import { queryRows } from '../platform/db/query-rows.ts';
import { workspaces } from '../workspace/schema.ts';
import { assignHandoff, overrideHandoffAssignment, reassignOnSlaBreach } from './assign-handoff.ts';

let database: Database;
let ctx: RequestContext;
beforeEach(async () => {
  database = await createTestDatabase();
  ctx = (await newWorkspace(database)).ctx;
  await ctx.db.update(workspaces).set({ orgModel: 'pods' }).where(eq(workspaces.id, ctx.workspaceId));
});
afterEach(() => database.close());

const audits = async (action: string) =>
  (
    await queryRows<{ n: number }>(ctx.db, sql`select count(*) as n from audit_log where action = ${action}`)
  )[0]!.n;

describe('assignHandoff', () => {
  it('routes MQLs to the POD of the account and splits them by free capacity', async () => {
    const ent = await newTeam(ctx, {
      name: 'ENT',
      segmentRule: { field: 'employeeCount', op: 'gte', value: 500 },
    });
    const smb = await newTeam(ctx, {
      name: 'SMB',
      segmentRule: { field: 'employeeCount', op: 'lt', value: 500 },
    });
    const big = await newMember(ctx, 'mdr', ent.id, 60);
    const small = await newMember(ctx, 'mdr', ent.id, 30);
    await newMember(ctx, 'mdr', smb.id, 80);
    await newMember(ctx, 'sdr', ent.id, 80);
    const account = await newAccount(ctx, { employeeCount: 2000 });
    const counts = new Map<string, number>();
    for (let i = 0; i < 6; i++) {
      const person = await newPerson(ctx, { accountId: account.id, source: 'inbound' });
      const h = await newHandoff(ctx, { kind: 'mql', toRole: 'mdr', personId: person.id });
      const row = await assignHandoff(ctx, h.id);
      expect(row.toTeamId).toBe(ent.id);
      expect(row.routingReason).toContain('POD ENT');
      counts.set(row.toUserId!, (counts.get(row.toUserId!) ?? 0) + 1);
      const [owner] = await ctx.db
        .select({ o: people.ownerUserId })
        .from(people)
        .where(eq(people.id, person.id));
      expect(owner!.o).toBe(row.toUserId);
    }
    // Free capacity 60 vs 30 (each open lead reserves 2 slots): about two to one.
    expect(counts.get(big)).toBe(4);
    expect(counts.get(small)).toBe(2);
    expect(await audits('handoff.assign')).toBe(6);
  });

  it('sends outbound leads to the SDR', async () => {
    const pod = await newTeam(ctx, {
      name: 'ALL',
      segmentRule: { field: 'employeeCount', op: 'gte', value: 0 },
    });
    await newMember(ctx, 'mdr', pod.id);
    const sdr = await newMember(ctx, 'sdr', pod.id);
    const account = await newAccount(ctx, { employeeCount: 10 });
    const person = await newPerson(ctx, { accountId: account.id, source: 'outbound' });
    const h = await newHandoff(ctx, { kind: 'mql', toRole: 'mdr', personId: person.id });
    expect((await assignHandoff(ctx, h)).toUserId).toBe(sdr);
  });

  it('manual override needs the receiving role: 400 naming the rule and nothing changes', async () => {
    const pod = await newTeam(ctx, { segmentRule: { field: 'employeeCount', op: 'gte', value: 0 } });
    const mdr = await newMember(ctx, 'mdr', pod.id);
    const ae = await newMember(ctx, 'ae', pod.id);
    const person = await newPerson(ctx, { source: 'inbound' });
    const h = await newHandoff(ctx, { kind: 'mql', toRole: 'mdr', personId: person.id });
    const before = await audits('handoff.override');
    await expect(
      overrideHandoffAssignment(ctx, h.id, { userId: ae, reason: 'knows them' }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
      details: [{ path: 'userId' }],
    });
    const [unchanged] = await ctx.db.select().from(handoffs).where(eq(handoffs.id, h.id));
    expect(unchanged!.toUserId).toBeNull();
    expect(await audits('handoff.override')).toBe(before);
    const row = await overrideHandoffAssignment(ctx, h.id, { userId: mdr, reason: 'met at the seminar' });
    expect(row).toMatchObject({ toUserId: mdr, routingReason: 'manual override: met at the seminar' });
    const [audit] = await queryRows<{ reason: string }>(
      ctx.db,
      sql`select reason from audit_log where action = 'handoff.override'`,
    );
    expect(audit!.reason).toBe('met at the seminar');
  });

  it('reassigns on SLA breach only when configured', async () => {
    const pod = await newTeam(ctx, { segmentRule: { field: 'employeeCount', op: 'gte', value: 0 } });
    await newMember(ctx, 'mdr', pod.id);
    await newMember(ctx, 'mdr', pod.id);
    const person = await newPerson(ctx);
    const h = await assignHandoff(
      ctx,
      (await newHandoff(ctx, { kind: 'mql', toRole: 'mdr', personId: person.id })).id,
    );
    expect((await reassignOnSlaBreach(ctx, h.id)).reassigned).toBe(false);
    await ctx.db
      .update(workspaces)
      .set({ settings: { salesFloor: { reassignOnSlaBreach: true } } })
      .where(eq(workspaces.id, ctx.workspaceId));
    const result = await reassignOnSlaBreach(ctx, h.id);
    expect(result.reassigned).toBe(true);
    expect(result.handoff.toUserId).not.toBe(h.toUserId);
    expect(result.handoff.routingReason).toMatch(/^SLA breached/);
    const rows = await ctx.db
      .select()
      .from(handoffs)
      .where(and(eq(handoffs.workspaceId, ctx.workspaceId)));
    expect(rows).toHaveLength(1);
  });
});
