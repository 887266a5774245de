import { z } from 'zod';
import { Rng } from '../platform/random.ts';
import { EventQueue } from './event-queue.ts';
import { quantile } from './sampling.ts';

export const ORG_ROLES = ['is', 'ae', 'onb'] as const;
export type OrgRole = (typeof ORG_ROLES)[number];

/** One customer segment's demand and economics (DOMAIN.md section 2). */
const segmentSchema = z.strictObject({
  key: z.string().min(1).max(40),
  mqlsPerDay: z.number().min(0),
  sqlRate: z.number().min(0).max(1),
  winRate: z.number().min(0).max(1),
  mrrPerWin: z.number().min(0),
  /** Inside Sales hours to work one MQL. */
  isHours: z.number().positive(),
  /** Days an AE carries one deal to its decision. */
  aeDays: z.number().positive(),
  /** Days an onboarding takes. */
  onbDays: z.number().positive(),
  /**
   * The cost of a team that is not specialised in this segment (Assembly Line): handling
   * takes this much longer and converts this much less (0.2 = 20 %).
   */
  unfamiliarPenalty: z.number().min(0).max(0.9),
});

export const orgSimInputSchema = z.strictObject({
  days: z.int().min(7).max(730).default(180),
  seed: z.int().default(1),
  segments: z.array(segmentSchema).min(1).max(10),
  headcount: z.strictObject({ is: z.int().min(0), ae: z.int().min(0), onb: z.int().min(0) }),
  /** IS working hours a day (80 half-hour slots a week = 8), deals one AE carries, accounts one ONB carries. */
  perMember: z.strictObject({
    isHoursPerDay: z.number().positive(),
    aeOpenDeals: z.int().positive(),
    onbAccounts: z.int().positive(),
  }),
  /** Maximum wait before work starts, in days. */
  slaDays: z.strictObject({
    is: z.number().positive(),
    ae: z.number().positive(),
    onb: z.number().positive(),
  }),
});
export type OrgSimInput = z.infer<typeof orgSimInputSchema>;

export interface RoleStats {
  role: OrgRole;
  servers: number;
  arrivals: number;
  completed: number;
  utilization: number;
  meanQueue: number;
  maxQueue: number;
  endQueue: number;
  meanWaitDays: number;
  p90WaitDays: number;
  slaBreaches: number;
}

export interface OrgSimResult {
  model: 'assembly_line' | 'pods';
  mqls: number;
  sqls: number;
  wins: number;
  onboarded: number;
  newMrr: number;
  roles: RoleStats[];
  /** Where it jams: the most loaded role, or 'demand' when every role is starved of work. */
  jam: OrgRole | 'demand';
  jamReason: string;
}

interface Item {
  segment: number;
  arrivedAt: number;
}

/** A pool of identical servers with one FIFO queue (a team for a role, in one POD or for all). */
class Pool {
  readonly queue: Item[] = [];
  busy = 0;
  constructor(
    readonly role: OrgRole,
    readonly servers: number,
  ) {}
}

interface Acc {
  arrivals: number;
  completed: number;
  busyTime: number;
  queueArea: number;
  maxQueue: number;
  waits: number[];
  breaches: number;
}

/**
 * The same demand, segment mix and headcount run as Assembly Line (one pool per role, every
 * segment, generalists paying the unfamiliar-segment penalty) or as PODs (one pool per
 * role per segment, headcount split by demand, specialists). A discrete-event simulation:
 * MQLs arrive (Poisson), wait for an IS member, become SQLs, wait for an AE deal slot,
 * are won, wait for an onboarding slot. Seeded and reproducible.
 */
export function simulateOrg(
  raw: z.input<typeof orgSimInputSchema>,
  model: 'assembly_line' | 'pods',
): OrgSimResult {
  const input = orgSimInputSchema.parse(raw);
  const rng = new Rng(input.seed);
  const segs = input.segments;
  const totalDemand = segs.reduce((s, x) => s + x.mqlsPerDay, 0) || 1;
  const serversFor = (role: OrgRole, seg: number | null): number => {
    const people = input.headcount[role];
    const perPerson =
      role === 'is' ? 1 : role === 'ae' ? input.perMember.aeOpenDeals : input.perMember.onbAccounts;
    if (seg === null) return people * perPerson;
    // PODs: people are split by the segment's share of demand (largest remainder).
    const shares = segs.map((s) => (people * s.mqlsPerDay) / totalDemand);
    const floors = shares.map(Math.floor);
    let left = people - floors.reduce((a, b) => a + b, 0);
    const order = shares.map((s, i) => [s - Math.floor(s), i] as const).sort((a, b) => b[0] - a[0]);
    for (const [, i] of order) if (left-- > 0) floors[i]!++;
    return floors[seg]! * perPerson;
  };
  const pools: Record<OrgRole, Pool[]> = {
    is: [],
    ae: [],
    onb: [],
  };
  for (const role of ORG_ROLES) {
    pools[role] =
      model === 'assembly_line'
        ? [new Pool(role, serversFor(role, null))]
        : segs.map((_, i) => new Pool(role, serversFor(role, i)));
  }
  const poolOf = (role: OrgRole, seg: number) =>
    model === 'assembly_line' ? pools[role][0]! : pools[role][seg]!;
  const penalty = (seg: number) => (model === 'assembly_line' ? segs[seg]!.unfamiliarPenalty : 0);
  const serviceDays = (role: OrgRole, seg: number): number => {
    const s = segs[seg]!;
    const mean =
      role === 'is' ? s.isHours / input.perMember.isHoursPerDay : role === 'ae' ? s.aeDays : s.onbDays;
    return rng.exponential(mean * (1 + penalty(seg)));
  };
  const fresh = (): Acc => ({
    arrivals: 0,
    completed: 0,
    busyTime: 0,
    queueArea: 0,
    maxQueue: 0,
    waits: [],
    breaches: 0,
  });
  const acc: Record<OrgRole, Acc> = { is: fresh(), ae: fresh(), onb: fresh() };

  type Ev = { kind: 'arrive'; seg: number } | { kind: 'done'; role: OrgRole; seg: number; pool: Pool };
  const events = new EventQueue<Ev>();
  let now = 0;
  const result = { mqls: 0, sqls: 0, wins: 0, onboarded: 0, newMrr: 0 };
  const queued = (role: OrgRole) => pools[role].reduce((s, p) => s + p.queue.length, 0);
  const busy = (role: OrgRole) => pools[role].reduce((s, p) => s + p.busy, 0);

  const advance = (to: number) => {
    const dt = to - now;
    for (const role of ORG_ROLES) {
      acc[role].queueArea += queued(role) * dt;
      acc[role].busyTime += busy(role) * dt;
    }
    now = to;
  };
  const startWork = (pool: Pool) => {
    while (pool.busy < pool.servers && pool.queue.length > 0) {
      const item = pool.queue.shift()!;
      const wait = now - item.arrivedAt;
      const a = acc[pool.role];
      a.waits.push(wait);
      if (wait > input.slaDays[pool.role]) a.breaches++;
      pool.busy++;
      events.push(now + serviceDays(pool.role, item.segment), {
        kind: 'done',
        role: pool.role,
        seg: item.segment,
        pool,
      });
    }
  };
  const enqueue = (role: OrgRole, seg: number) => {
    const pool = poolOf(role, seg);
    acc[role].arrivals++;
    pool.queue.push({ segment: seg, arrivedAt: now });
    acc[role].maxQueue = Math.max(acc[role].maxQueue, queued(role));
    startWork(pool);
  };

  segs.forEach((s, i) => {
    if (s.mqlsPerDay > 0) events.push(rng.exponential(1 / s.mqlsPerDay), { kind: 'arrive', seg: i });
  });
  for (let e = events.pop(); e && e.at <= input.days; e = events.pop()) {
    advance(e.at);
    const ev = e.event;
    if (ev.kind === 'arrive') {
      result.mqls++;
      enqueue('is', ev.seg);
      events.push(now + rng.exponential(1 / segs[ev.seg]!.mqlsPerDay), ev);
      continue;
    }
    ev.pool.busy--;
    acc[ev.role].completed++;
    const seg = segs[ev.seg]!;
    const keep = 1 - penalty(ev.seg);
    if (ev.role === 'is' && rng.chance(seg.sqlRate * keep)) {
      result.sqls++;
      enqueue('ae', ev.seg);
    } else if (ev.role === 'ae' && rng.chance(seg.winRate * keep)) {
      result.wins++;
      result.newMrr += seg.mrrPerWin;
      enqueue('onb', ev.seg);
    } else if (ev.role === 'onb') {
      result.onboarded++;
    }
    startWork(ev.pool);
  }
  advance(input.days);

  const roles: RoleStats[] = ORG_ROLES.map((role) => {
    const a = acc[role];
    const servers = pools[role].reduce((s, p) => s + p.servers, 0);
    // Items still waiting at the end have waited too: count them, or a jammed queue looks fast.
    const waiting = pools[role].flatMap((p) => p.queue.map((i) => input.days - i.arrivedAt));
    const waits = [...a.waits, ...waiting].sort((x, y) => x - y);
    return {
      role,
      servers,
      arrivals: a.arrivals,
      completed: a.completed,
      utilization: servers > 0 ? a.busyTime / (servers * input.days) : a.arrivals > 0 ? 1 : 0,
      meanQueue: a.queueArea / input.days,
      maxQueue: a.maxQueue,
      endQueue: queued(role),
      meanWaitDays: waits.length ? waits.reduce((s, w) => s + w, 0) / waits.length : 0,
      p90WaitDays: quantile(waits, 0.9),
      slaBreaches: a.breaches + waiting.filter((w) => w > input.slaDays[role]).length,
    };
  });
  return { model, ...result, roles, ...nameJam(roles) };
}

/**
 * The jam is the role whose queue is longest relative to its servers (a queue that keeps
 * growing is the signature of a bottleneck); when no role is even half busy and queues are
 * empty, the chain is starved: too few MQLs for the people waiting for them.
 */
export function nameJam(roles: RoleStats[]): { jam: OrgRole | 'demand'; jamReason: string } {
  const pressure = (r: RoleStats) => r.meanQueue / Math.max(1, r.servers) + r.utilization;
  const worst = [...roles].sort((a, b) => pressure(b) - pressure(a))[0]!;
  if (roles.every((r) => r.utilization < 0.5 && r.meanQueue < 1)) {
    const is = roles.find((r) => r.role === 'is')!;
    return {
      jam: 'demand',
      jamReason: `every role is under half busy (Inside Sales ${(is.utilization * 100).toFixed(0)} %): too few MQLs for the team`,
    };
  }
  return {
    jam: worst.role,
    jamReason: `${worst.role.toUpperCase()} is ${(worst.utilization * 100).toFixed(0)} % busy with ${worst.meanQueue.toFixed(1)} waiting on average (${worst.endQueue} at the end, p90 wait ${worst.p90WaitDays.toFixed(1)} days)`,
  };
}
