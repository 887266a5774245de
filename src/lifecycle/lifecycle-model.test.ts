/**
 * Model-based test of the lead lifecycle: random command sequences (transitions, hand-off
 * accept/reject, recycling, clock advances, job runs) against a small in-memory model
 * written independently from the DOMAIN.md defaults.
 *
 * The split: 10,000 sequences run against the pure core (lifecycle-engine.ts: the same
 * decide functions the use cases call, in the same order) — fast, so the search is wide.
 * A smaller number run against the real use cases on the database (PGlite, or PostgreSQL
 * with TEST_DATABASE_URL), where each command is a transaction: they check that the
 * imperative shell persists exactly what the core decides (history rows, hand-off rows,
 * stale marks, recycle wake-ups) and that refused commands change nothing.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/db.ts';
import { newWorkspace } from '../../test/factories.ts';
import { peopleUseCases } from '../crm/manage-people.ts';
import type { RequestContext } from '../platform/context.ts';
import type { Database } from '../platform/db/open-database.ts';
import { queryRows } from '../platform/db/query-rows.ts';
import { DomainError } from '../platform/errors.ts';
import { addBusinessHours, workspaceCalendar } from './business-hours.ts';
import { checkSla } from './check-sla.ts';
import { DEFAULT_LEAD_LIFECYCLE } from './default-stages.ts';
import type { HandoffResponse } from './handoffs.ts';
import {
  type EngineEnv,
  type EngineState,
  engineRespond,
  engineSlaCheck,
  engineTransition,
  engineWake,
} from './lifecycle-engine.ts';
import { respondToHandoff } from './respond-to-handoff.ts';
import { handoffs } from './schema.ts';
import { listHistory } from './store.ts';
import { moveEntity } from './transition-entity.ts';
import { wakeRecycles } from './wake-recycles.ts';

// ---------- the model: DOMAIN.md 3.1 written out by hand ----------
const ORDER: Record<string, number> = {
  lead: 10,
  nurturing: 20,
  mql: 30,
  sal: 40,
  sql: 50,
  opportunity: 60,
  customer: 70,
};
const EXPLICIT: Record<string, string[]> = {
  lead: ['nurturing', 'disqualified'],
  nurturing: ['mql', 'disqualified'],
  mql: ['sal', 'recycled', 'disqualified'],
  sal: ['sql', 'recycled', 'disqualified'],
  sql: ['opportunity', 'recycled', 'disqualified'],
  opportunity: ['customer', 'lost'],
  customer: ['churned'],
  disqualified: [],
  recycled: ['nurturing'],
  lost: ['recycled'],
  churned: ['recycled'],
};
const OFF_RAMPS = new Set(['disqualified', 'recycled', 'lost', 'churned']);
const TARGETS = [...Object.keys(EXPLICIT), 'anonymous', 'nowhere'];
const legal = (from: string, to: string) =>
  (EXPLICIT[from] ?? []).includes(to) ||
  (ORDER[from] !== undefined && ORDER[to] !== undefined && ORDER[to]! > ORDER[from]!);
const passed = (from: string, to: string) =>
  (EXPLICIT[from] ?? []).includes(to)
    ? 0
    : Object.values(ORDER).filter((o) => o > ORDER[from]! && o < ORDER[to]!).length;

const HOUR = 3_600_000;
const cal = workspaceCalendar('Asia/Tokyo', {});
const T0 = new Date('2026-11-20T00:00:00Z').getTime(); // a Friday, 9:00 JST

interface ModelHandoff {
  kind: string;
  stage: string;
  status: 'open' | 'accepted' | 'rejected';
  due: number;
  raised: number;
}
interface Model {
  now: number;
  source: 'inbound' | 'outbound';
  stage: string;
  historyLen: number;
  reapproachOn: number | null;
  handoffs: ModelHandoff[];
}

function modelMove(m: Model, to: string, reason: boolean, reapproachOn: number | null): 'ok' | 'refused' {
  if (!(to in EXPLICIT) || to === m.stage || !legal(m.stage, to)) return 'refused';
  if (OFF_RAMPS.has(to) && !reason) return 'refused';
  if (to === 'recycled' && (reapproachOn === null || reapproachOn <= m.now)) return 'refused';
  if (m.stage === 'recycled' && m.reapproachOn! > m.now && !reason) return 'refused';
  m.historyLen += passed(m.stage, to) + 1;
  for (const h of m.handoffs)
    if (h.status === 'open' && h.stage === m.stage) h.status = OFF_RAMPS.has(to) ? 'rejected' : 'accepted';
  m.stage = to;
  m.reapproachOn = to === 'recycled' ? reapproachOn : null;
  const hours = to === 'mql' ? 9 : to === 'sql' ? 18 : 0;
  if (hours)
    m.handoffs.push({
      kind: to,
      stage: to,
      status: 'open',
      due: addBusinessHours(new Date(m.now), hours, cal).getTime(),
      raised: 0,
    });
  return 'ok';
}

// ---------- the systems under test ----------
interface Snapshot {
  stage: string;
  history: {
    from: string | null;
    to: string;
    at: number;
    reapproachOn: number | null;
    reason: string | null;
  }[];
  handoffs: { status: string; due: number; stale: boolean; raised: number }[];
}
interface Real {
  transition(to: string, reason: string | null, reapproachOn: Date | null): Promise<void>;
  respond(index: number, response: HandoffResponse): Promise<void>;
  runJobs(): Promise<void>;
  setNow(t: number): void;
  snapshot(): Promise<Snapshot>;
}

/** The pure core: lifecycle-engine.ts. */
function pureReal(source: string): Real {
  let n = 0;
  const env: EngineEnv = { def: DEFAULT_LEAD_LIFECYCLE, cal, now: new Date(T0), newId: () => `h${n++}` };
  let s: EngineState = {
    stage: 'lead',
    source,
    history: [{ from: null, to: 'lead', at: env.now, skipped: false, reason: null, reapproachOn: null }],
    handoffs: [],
  };
  const raised = new Map<string, number>();
  return {
    async transition(to, reason, reapproachOn) {
      s = engineTransition(env, s, { to, reason, reapproachOn }).state;
    },
    async respond(i, response) {
      s = engineRespond(env, s, s.handoffs[i]!.id, response);
    },
    async runJobs() {
      const before = s.handoffs.filter((h) => h.staleAt === null).map((h) => h.id);
      const r = engineSlaCheck(env, s);
      s = engineWake(env, r.state);
      for (const id of before)
        if (s.handoffs.find((h) => h.id === id)?.staleAt) raised.set(id, (raised.get(id) ?? 0) + 1);
    },
    setNow(t) {
      env.now = new Date(t);
    },
    async snapshot() {
      return {
        stage: s.stage,
        history: s.history.map((h) => ({
          from: h.from,
          to: h.to,
          at: h.at.getTime(),
          reapproachOn: h.reapproachOn?.getTime() ?? null,
          reason: h.reason,
        })),
        handoffs: s.handoffs.map((h) => ({
          status: h.status,
          due: h.dueAt.getTime(),
          stale: h.staleAt !== null,
          raised: raised.get(h.id) ?? 0,
        })),
      };
    },
  };
}

/** The use cases on a database: one person per sequence, the clock in the context. */
async function dbReal(base: RequestContext, source: 'inbound' | 'outbound'): Promise<Real> {
  let now = new Date(T0);
  const ctx: RequestContext = { ...base, now: () => now };
  const person = await peopleUseCases.create(ctx, {
    email: `${randomUUID()}@example.co.jp`,
    source,
  } as never);
  const personId = person.id as string;
  const order: string[] = [];
  const rows = async () => {
    const all = await ctx.db
      .select()
      .from(handoffs)
      .where(and(eq(handoffs.workspaceId, ctx.workspaceId), eq(handoffs.personId, personId)));
    for (const h of all.sort((a, b) => a.openedAt.getTime() - b.openedAt.getTime()))
      if (!order.includes(h.id)) order.push(h.id);
    return new Map(all.map((h) => [h.id, h]));
  };
  return {
    async transition(to, reason, reapproachOn) {
      await moveEntity(ctx, { entityType: 'person', entityId: personId, to, reason, reapproachOn });
    },
    async respond(i, response) {
      await rows();
      await respondToHandoff(ctx, order[i]!, response);
    },
    async runJobs() {
      while ((await checkSla(ctx)).more);
      while ((await wakeRecycles(ctx)).more);
    },
    setNow(t) {
      now = new Date(t);
    },
    async snapshot() {
      const byId = await rows();
      const breaches = await queryRows<{ id: string; n: number }>(
        ctx.db,
        sql`select entity_id as id, count(*)::int as n from audit_log
            where workspace_id = ${ctx.workspaceId} and action = 'handoff.sla_breach' group by entity_id`,
      );
      const raised = new Map(breaches.map((b) => [b.id, Number(b.n)]));
      const history = await listHistory(ctx, 'person', personId);
      const [p] = await queryRows<{ stage: string }>(
        ctx.db,
        sql`select lifecycle_stage as stage from people where workspace_id = ${ctx.workspaceId} and id = ${personId}`,
      );
      return {
        stage: p!.stage,
        history: history.map((h) => ({
          from: h.fromStage,
          to: h.toStage,
          at: h.at.getTime(),
          reapproachOn: h.reapproachOn?.getTime() ?? null,
          reason: h.reason,
        })),
        handoffs: order.map((id) => {
          const h = byId.get(id)!;
          return {
            status: h.status,
            due: h.dueAt.getTime(),
            stale: h.staleAt !== null,
            raised: raised.get(id) ?? 0,
          };
        }),
      };
    },
  };
}

// ---------- invariants ----------
async function check(m: Model, r: Real) {
  const s = await r.snapshot();
  expect(s.stage).toBe(m.stage);
  expect(s.history.at(-1)!.to).toBe(s.stage); // current stage equals the last history row
  expect(s.history).toHaveLength(m.historyLen);
  for (let i = 1; i < s.history.length; i++) {
    const h = s.history[i]!;
    expect(h.from).toBe(s.history[i - 1]!.to);
    expect(legal(h.from!, h.to) || (EXPLICIT[h.from!] ?? []).includes(h.to)).toBe(true); // no illegal move persisted
    // Re-approach dates honoured: a recycled lead comes back on or after its date, or early with a stated reason.
    const prev = s.history[i - 1]!;
    if (prev.to === 'recycled' && h.at < prev.reapproachOn!) expect(h.reason?.trim()).toBeTruthy();
  }
  expect(s.handoffs).toHaveLength(m.handoffs.length);
  s.handoffs.forEach((h, i) => {
    const mh = m.handoffs[i]!;
    expect(['open', 'accepted', 'rejected']).toContain(h.status);
    expect(h.status).toBe(mh.status);
    expect(Number.isFinite(h.due)).toBe(true); // open with a due time
    expect(h.due).toBe(mh.due);
    expect(h.raised).toBe(mh.raised); // SLA breaches raised exactly once
    expect(h.stale).toBe(mh.raised === 1);
  });
}

async function attempt(r: Real, expected: 'ok' | 'refused', run: () => Promise<void>) {
  const before = await r.snapshot();
  try {
    await run();
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    expect(expected, `refused: ${err.message}`).toBe('refused');
    expect(await r.snapshot()).toEqual(before); // a refused command changes nothing
    return;
  }
  expect(expected, 'accepted a command the model refuses').toBe('ok');
}

// ---------- commands ----------
class Transition implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly to: string,
    readonly reason: boolean,
    readonly days: number,
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const reapproach = this.to === 'recycled' ? m.now + this.days * 86_400_000 : null;
    const expected = modelMove(m, this.to, this.reason, reapproach);
    await attempt(r, expected, () =>
      r.transition(
        this.to,
        this.reason ? 'because' : null,
        reapproach === null ? null : new Date(reapproach),
      ),
    );
    await check(m, r);
  }
  toString = () => `transition(${this.to}, reason=${this.reason}, +${this.days}d)`;
}

class Respond implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly pick: number,
    readonly accept: boolean,
    readonly reason: boolean,
    readonly outcome: 'recycled' | 'disqualified' | undefined,
    readonly days: number,
  ) {}
  check = (m: Readonly<Model>) => m.handoffs.length > 0;
  async run(m: Model, r: Real) {
    const i = this.pick % m.handoffs.length;
    const h = m.handoffs[i]!;
    const reapproach = m.now + this.days * 86_400_000;
    let expected: 'ok' | 'refused' = 'refused';
    const copy = structuredClone(m);
    if (h.status === 'open') {
      copy.handoffs[i]!.status = this.accept ? 'accepted' : 'rejected';
      if (this.accept) expected = h.kind === 'sql' ? 'ok' : modelMove(copy, 'sal', false, null);
      else if (!this.reason) expected = 'refused';
      else if (this.outcome === undefined) expected = h.kind === 'recycle' ? 'ok' : 'refused';
      else expected = modelMove(copy, this.outcome, true, this.outcome === 'recycled' ? reapproach : null);
    }
    if (expected === 'ok') Object.assign(m, copy);
    const response: HandoffResponse = this.accept
      ? { decision: 'accept' }
      : {
          decision: 'reject',
          reason: this.reason ? 'not now' : '',
          outcome: this.outcome,
          reapproachOn: new Date(reapproach),
        };
    await attempt(r, expected, () => r.respond(i, response));
    await check(m, r);
  }
  toString = () =>
    `respond(#${this.pick}, ${this.accept ? 'accept' : `reject ${this.outcome} reason=${this.reason} +${this.days}d`})`;
}

class Advance implements fc.AsyncCommand<Model, Real> {
  constructor(readonly hours: number) {}
  check = () => true;
  async run(m: Model, r: Real) {
    m.now += this.hours * HOUR;
    r.setNow(m.now);
    await check(m, r);
  }
  toString = () => `advance(${this.hours}h)`;
}

class RunJobs implements fc.AsyncCommand<Model, Real> {
  check = () => true;
  async run(m: Model, r: Real) {
    for (const h of m.handoffs) if (h.status === 'open' && h.due <= m.now && h.raised === 0) h.raised = 1;
    if (m.stage === 'recycled' && m.reapproachOn !== null && m.reapproachOn <= m.now) {
      modelMove(m, 'nurturing', false, null);
      m.handoffs.push({
        kind: 'recycle',
        stage: 'nurturing',
        status: 'open',
        due: addBusinessHours(new Date(m.now), 9, cal).getTime(),
        raised: 0,
      });
    }
    await r.runJobs();
    await check(m, r);
  }
  toString = () => 'runJobs()';
}

const commands = [
  fc
    .tuple(fc.constantFrom(...TARGETS), fc.boolean(), fc.integer({ min: -3, max: 40 }))
    .map(([to, reason, days]) => new Transition(to, reason, days)),
  fc
    .tuple(
      fc.nat(),
      fc.boolean(),
      fc.boolean(),
      fc.constantFrom('recycled' as const, 'disqualified' as const, undefined),
      fc.integer({ min: -3, max: 40 }),
    )
    .map(([p, a, r, o, d]) => new Respond(p, a, r, o, d)),
  fc.integer({ min: 1, max: 96 }).map((h) => new Advance(h)),
  fc.constant(new RunJobs()),
];
const source = fc.constantFrom('inbound' as const, 'outbound' as const);
const initial = (src: 'inbound' | 'outbound'): Model => ({
  now: T0,
  source: src,
  stage: 'lead',
  historyLen: 1,
  reapproachOn: null,
  handoffs: [],
});

describe('lead lifecycle, model-based', () => {
  it('10,000 random command sequences against the pure core', async () => {
    await fc.assert(
      fc.asyncProperty(source, fc.commands(commands, { maxCommands: 25 }), async (src, cmds) => {
        await fc.asyncModelRun(() => ({ model: initial(src), real: pureReal(src) }), cmds);
      }),
      { numRuns: 10_000 },
    );
  }, 120_000);

  describe('against the use cases on the database', () => {
    let database: Database;
    let ctx: RequestContext;
    beforeAll(async () => {
      database = await createTestDatabase();
      ctx = (await newWorkspace(database)).ctx;
    });
    afterAll(() => database.close());

    it('random command sequences persist what the model says, and refused ones change nothing', async () => {
      await fc.assert(
        fc.asyncProperty(source, fc.commands(commands, { maxCommands: 12 }), async (src, cmds) => {
          const real = await dbReal(ctx, src);
          await fc.asyncModelRun(() => ({ model: initial(src), real }), cmds);
        }),
        { numRuns: 40 },
      );
    }, 120_000);
  });
});
