import { mergeVisitorsIntoPeople } from '../capture/identify-visitor.ts';
import { campaignMembers, campaigns, events, visitors } from '../capture/schema.ts';
import { accounts, people } from '../crm/schema.ts';
import { recordEntries } from '../lifecycle/transition-entity.ts';
import type { RequestContext } from '../platform/context.ts';
import { analyzeOwnTables } from '../platform/db/analyze-tables.ts';
import { bulkInsert, trustReferencesOfWorkspace, withTrustedReferences } from '../platform/db/bulk-insert.ts';
import type { Db } from '../platform/db/open-database.ts';
import { newId, numberedIds } from '../platform/ids.ts';
import { type Progress, silentProgress } from '../platform/progress.ts';
import { Rng } from '../platform/random.ts';
import { inTransaction } from '../platform/transaction.ts';
import { teams } from '../routing/schema.ts';
import { createWorkspace } from '../workspace/create-workspace.ts';
import { generatePassword, hashPassword } from '../workspace/passwords.ts';
import { replaceMemberships, usersStore } from '../workspace/store.ts';
import { DEMO_DAY_STEPS, type DemoDay } from './day-steps.ts';
import { type DemoMarket, generateMarket } from './demo-market.ts';
import { DEMO_ADMIN_EMAIL, DEMO_TEAMS, DEMO_USERS, DEMO_WORKSPACE, demoCapacity } from './demo-org.ts';
import { stepTimings } from './step-timings.ts';

export interface DemoOptions {
  seed: number;
  people: number;
  months: number;
  /** The end of the simulated history (default: now, truncated to the hour). */
  anchor?: Date;
  adminPassword?: string;
  slug?: string;
}

export interface DemoResult {
  workspaceId: string;
  adminEmail: string;
  adminPassword: string;
  counts: { people: number; accounts: number; campaigns: number; visitors: number; events: number };
}

const DAY = 86_400_000;
const DAYS_PER_TRANSACTION = 7;
/** The first simulated day: the months asked for, and a month of lead-in before them. */
const historyStart = (anchor: Date, months: number) => anchor.getTime() - months * 30 * DAY - 30 * DAY;

const insertRows = <T extends Parameters<typeof bulkInsert>[1]>(
  ctx: RequestContext,
  table: T,
  rows: object[],
) =>
  bulkInsert(ctx.db, table, rows as T['$inferInsert'][], {
    constants: { workspaceId: ctx.workspaceId } as Partial<T['$inferInsert']>,
  });

/**
 * Builds the demo workspace: the vendor's revenue team, then its market written day by
 * day in time order, so the rules that later issues add run over the history as it
 * happens rather than over planted rows.
 */
export async function generateDemo(
  db: Db,
  options: DemoOptions,
  progress: Progress = silentProgress,
): Promise<DemoResult> {
  const anchor = options.anchor ?? new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
  const rng = new Rng(options.seed);
  const adminPassword = options.adminPassword ?? generatePassword();
  // Numbered ids: where the rules break a tie by id, the same seed breaks it the same way.
  const ids = numberedIds();
  const start = new Date(historyStart(anchor, options.months));
  // The vendor's workspace and team exist from the first day of the history.
  const { workspace, adminUserId } = await createWorkspace(
    db,
    { ...DEMO_WORKSPACE, slug: options.slug ?? DEMO_WORKSPACE.slug },
    { email: DEMO_ADMIN_EMAIL, displayName: '管理者 (RevOps)', password: adminPassword },
    { ids, now: () => start },
  );
  const ctx: RequestContext = {
    workspaceId: workspace.id,
    db,
    now: () => start,
    ids,
    actor: { type: 'system', userId: null, roles: ['admin'] },
  };
  const users = await createTeam(ctx, adminPassword, adminUserId);

  const market = generateMarket(rng, { anchor, months: options.months, peopleCount: options.people });
  await inTransaction(ctx, async (t) => {
    await insertRows(
      t,
      accounts,
      market.accounts.map((a) => ({ ...a, updatedAt: a.createdAt })),
    );
    await insertRows(
      t,
      campaigns,
      market.campaigns.map(({ start, end, ...c }) => ({
        ...c,
        status: end.getTime() < anchor.getTime() ? 'completed' : 'active',
        createdAt: new Date(start.getTime() - 14 * DAY),
        updatedAt: start,
      })),
    );
  });
  await writeHistory(ctx, { market, anchor, months: options.months, users, rng }, progress);
  return {
    workspaceId: workspace.id,
    adminEmail: DEMO_ADMIN_EMAIL,
    adminPassword,
    counts: {
      people: market.people.length,
      accounts: market.accounts.length,
      campaigns: market.campaigns.length,
      visitors: market.visitors.length,
      events: market.events.length,
    },
  };
}

async function createTeam(
  ctx: RequestContext,
  adminPassword: string,
  adminUserId: string,
): Promise<Map<string, string>> {
  const users = new Map<string, string>([['admin', adminUserId]]);
  const teamIds = new Map<string, string>();
  for (const team of DEMO_TEAMS) {
    const id = newId(ctx);
    teamIds.set(team.key, id);
    await ctx.db.insert(teams).values({
      id,
      workspaceId: ctx.workspaceId,
      name: team.name,
      kind: team.kind,
      function: team.function,
      segmentRule: team.segmentRule,
      createdAt: ctx.now(),
      updatedAt: ctx.now(),
    });
  }
  // Every demo member can sign in with the admin's password, to try each department's screens.
  const passwordHash = await hashPassword(adminPassword);
  for (const user of DEMO_USERS.filter((u) => u.key !== 'admin')) {
    const row = await usersStore.insert(ctx, {
      id: newId(ctx),
      email: user.email,
      displayName: user.displayName,
      passwordHash,
    });
    users.set(user.key, row.id);
    await replaceMemberships(
      ctx,
      row.id,
      user.roles.map((role) => ({
        id: newId(ctx),
        role,
        teamId: user.team ? (teamIds.get(user.team) ?? null) : null,
        capacity: demoCapacity(role),
      })),
    );
  }
  return users;
}

/** Writes people, visitors, memberships and events one simulated day at a time, in time order. */
async function writeHistory(
  ctx: RequestContext,
  sim: { market: DemoMarket; anchor: Date; months: number; users: Map<string, string>; rng: Rng },
  progress: Progress,
) {
  const { market, anchor, months } = sim;
  const from = historyStart(anchor, months);
  const dayOf = (d: Date) => Math.max(0, Math.floor((d.getTime() - from) / DAY));
  const days = dayOf(anchor) + 1;
  const bucket = <T>(rows: T[], at: (r: T) => Date) => {
    const out: T[][] = Array.from({ length: days }, () => []);
    for (const r of rows) out[Math.min(days - 1, dayOf(at(r)))]!.push(r);
    return out;
  };
  const peopleByDay = bucket(market.people, (p) => p.createdAt);
  const visitorsByDay = bucket(market.visitors, (v) => v.firstSeenAt);
  const membersByDay = bucket(market.members, (m) => m.firstTouchAt);
  const eventsByDay = bucket(market.events, (e) => e.occurredAt);
  const identifiedByDay = bucket(
    market.visitors.filter((v) => v.identifiedAt),
    (v) => v.identifiedAt!,
  );
  const personById = new Map(market.people.map((p) => [p.id, p]));

  const timings = stepTimings();
  let written = 0;
  let analyzedAt = 2_000;
  /** One simulated day: the market's rows of the day, then each department's day step. */
  const simulateDay = async (t: RequestContext, day: number) => {
    const writing = performance.now();
    const start = new Date(from + day * DAY);
    const end = new Date(Math.min(from + (day + 1) * DAY, anchor.getTime()));
    const dayCtx = { ...t, now: () => end };
    await insertRows(
      dayCtx,
      people,
      peopleByDay[day]!.map(({ interest: _i, firstCampaignId: _c, ...p }) => ({
        ...p,
        lifecycleStage: 'lead',
        stageEnteredAt: p.createdAt,
        updatedAt: p.createdAt,
      })),
    );
    await insertRows(
      dayCtx,
      visitors,
      visitorsByDay[day]!.map((v) => ({ ...v, personId: null, identifiedAt: null })),
    );
    await insertRows(
      dayCtx,
      campaignMembers,
      membersByDay[day]!.map((m) => ({ ...m, updatedAt: m.firstTouchAt })),
    );
    await insertRows(dayCtx, events, eventsByDay[day]!);
    await recordEntries(
      dayCtx,
      'person',
      peopleByDay[day]!.map((p) => ({ entityId: p.id, at: p.createdAt })),
    );
    await mergeVisitorsIntoPeople(
      dayCtx,
      identifiedByDay[day]!.map((v) => {
        const person = personById.get(v.personId!)!;
        return { visitorId: v.id, personId: person.id, accountId: person.accountId, at: v.identifiedAt! };
      }),
    );
    timings.add('write', performance.now() - writing);
    const today: DemoDay = {
      index: day,
      start,
      end,
      people: peopleByDay[day]!,
      events: eventsByDay[day]!,
      market,
      users: sim.users,
      rng: sim.rng,
    };
    for (const step of DEMO_DAY_STEPS) await timings.time(step.name, () => step(dayCtx, today));
  };

  progress.start('Simulating days', days);
  for (let first = 0; first < days; first += DAYS_PER_TRANSACTION) {
    const last = Math.min(days, first + DAYS_PER_TRANSACTION);
    const started = performance.now();
    // A week per transaction: the rollup counters and the audit chain are written once a
    // week (a week's cells share their week and month rows), and configuration is read
    // once a week (transaction-memo.ts). Each day still runs at its own simulated time.
    // Everything a demo week references was written by the demo itself, in this workspace
    // that nobody else writes to yet: the week runs without re-checking each foreign key
    // (5 to 10 % of the demo's time; the demo tests check every reference afterwards). Once
    // a week, not once a day: each switch makes PostgreSQL re-plan every prepared statement.
    await inTransaction(ctx, async (t) =>
      withTrustedReferences(t.db, await trustReferencesOfWorkspace(t.db, t.workspaceId), async () => {
        for (let day = first; day < last; day++) await simulateDay(t, day);
      }),
    );
    timings.add('days (all, with commit)', performance.now() - started);
    for (let day = first; day < last; day++) written += eventsByDay[day]!.length;
    // PGlite runs no autovacuum: refresh planner statistics as the tables grow, each time
    // the events table has doubled (an ANALYZE samples a bounded number of rows, so a fixed
    // schedule spends most of its time re-reading statistics that barely moved); Baton's own
    // tables only, as PostgreSQL's catalogs barely change while a demo is written. A sample
    // of 6,000 rows a table (a fifth of the default) shapes the demo's own plans as well,
    // for a few percent of its time; a server started on the data re-analyzes each table at
    // the default size once a tenth of it has changed (pglite-maintenance.ts).
    if (written >= 2 * analyzedAt) {
      analyzedAt = written;
      await timings.time('analyze', () => analyzeOwnTables(ctx.db, 20));
    }
    progress.update(last);
  }
  progress.stop();
  timings.report();
}
