import { type SQL, sql } from 'drizzle-orm';
import type { RequestContext } from '../platform/context.ts';
import { arrayParam } from '../platform/db/array-param.ts';
import { queryRows } from '../platform/db/query-rows.ts';
import type { FitSubject } from './fit.ts';
import type { IdentifiedEvent, PersonScore } from './person-score.ts';
import type { Grade } from './rules.ts';

export interface RuleVersionRow {
  version: number;
  rules: unknown;
  createdAt: Date;
  /** The id of the transaction that stored the row: with the version, what RuleVersionKey compares. */
  xmin: string;
}

export async function latestRuleVersion(ctx: RequestContext): Promise<RuleVersionRow | undefined> {
  const rows = await queryRows<{
    version: number;
    rules: unknown;
    created_at: Date | string;
    xmin: string;
  }>(
    ctx.db,
    sql`select version, rules, created_at, xmin::text as xmin from scoring_rule_versions
        where workspace_id = ${ctx.workspaceId} order by version desc limit 1`,
    { prepared: true },
  );
  const r = rows[0];
  return r
    ? { version: r.version, rules: r.rules, createdAt: new Date(r.created_at), xmin: r.xmin }
    : undefined;
}

/** Inserts a version; false when another writer took that number first. */
export async function insertRuleVersion(
  ctx: RequestContext,
  version: number,
  rules: unknown,
): Promise<boolean> {
  const rows = await queryRows(
    ctx.db,
    sql`insert into scoring_rule_versions (workspace_id, version, rules, created_at, created_by)
        values (${ctx.workspaceId}, ${version}, ${JSON.stringify(rules)}::jsonb, ${ctx.now().toISOString()}, ${ctx.actor.userId})
        on conflict do nothing returning version`,
  );
  return rows.length === 1;
}

/**
 * A page of consecutive person ids (from `nextPersonIds`): reads by this key range let
 * PostgreSQL walk the person index in order, where `= any(thousands of ids)` made its
 * planner overestimate the rows and scan the whole events table for every batch.
 */
export interface IdRange {
  first: string;
  last: string;
}

export function idRange(sortedIds: string[]): IdRange {
  return { first: sortedIds[0]!, last: sortedIds[sortedIds.length - 1]! };
}

/** The people a read covers: a list of ids, or a consecutive page of them. */
export type PersonSet = string[] | IdRange;

function personFilter(column: SQL, people: PersonSet): SQL {
  return Array.isArray(people)
    ? sql`${column} = any(${arrayParam(people, 'uuid')})`
    : sql`${column} between ${people.first}::uuid and ${people.last}::uuid`;
}

function isEmpty(people: PersonSet): boolean {
  return Array.isArray(people) && people.length === 0;
}

export interface ScoringSubject extends FitSubject {
  personId: string;
  lifecycleStage: string;
}

/**
 * Which stored rules are in force: the latest version's number and the id of the transaction
 * that stored it. A number taken by a version that was rolled back and then by other rules
 * comes with another transaction id; a stored version is never changed.
 */
export interface RuleVersionKey {
  version: number;
  xmin: string;
}

/** Person and account fields the fit rules read, with the current stage. */
export async function loadSubjects(
  ctx: RequestContext,
  people: PersonSet,
): Promise<Map<string, ScoringSubject>> {
  return (await selectSubjects(ctx, people, false)).subjects;
}

/**
 * loadSubjects, and which rules are in force, read by the same statement: scoring a batch
 * then needs no statement of its own for the rules while they stay the same
 * (rules-in-force.ts keeps them parsed). Null when no person was found or no rules are stored.
 */
export function loadSubjectsAndRuleVersion(
  ctx: RequestContext,
  people: PersonSet,
): Promise<{ subjects: Map<string, ScoringSubject>; ruleVersion: RuleVersionKey | null }> {
  return selectSubjects(ctx, people, true);
}

async function selectSubjects(ctx: RequestContext, people: PersonSet, withRuleVersion: boolean) {
  if (isEmpty(people)) return { subjects: new Map<string, ScoringSubject>(), ruleVersion: null };
  const rule = withRuleVersion
    ? {
        columns: sql`, rv.version as rule_version, rv.xmin as rule_xmin`,
        join: sql`left join (select version, xmin::text as xmin from scoring_rule_versions
          where workspace_id = ${ctx.workspaceId} order by version desc limit 1) rv on true`,
      }
    : { columns: sql``, join: sql`` };
  const rows = await queryRows<{
    id: string;
    title: string | null;
    department: string | null;
    source: string | null;
    lifecycle_stage: string;
    account_id: string | null;
    industry: string | null;
    employee_count: number | null;
    region: string | null;
    tier: string | null;
    rule_version?: number | null;
    rule_xmin?: string | null;
  }>(
    ctx.db,
    sql`select p.id, p.title, p.department, p.source, p.lifecycle_stage, p.account_id,
               a.industry, a.employee_count, a.region, a.tier${rule.columns}
        from people p left join accounts a on a.workspace_id = p.workspace_id and a.id = p.account_id
        ${rule.join}
        where p.workspace_id = ${ctx.workspaceId} and ${personFilter(sql`p.id`, people)}`,
    { prepared: true },
  );
  const first = rows[0];
  return {
    subjects: new Map(
      rows.map((r) => [
        r.id,
        {
          personId: r.id,
          lifecycleStage: r.lifecycle_stage,
          person: { title: r.title, department: r.department, source: r.source },
          account: r.account_id
            ? { industry: r.industry, employeeCount: r.employee_count, region: r.region, tier: r.tier }
            : null,
        },
      ]),
    ),
    ruleVersion:
      first?.rule_version != null && first.rule_xmin
        ? { version: first.rule_version, xmin: first.rule_xmin }
        : null,
  };
}

/** The next page of person ids in id order (the recompute cursor). */
export async function nextPersonIds(
  ctx: RequestContext,
  after: string | null,
  limit: number,
): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    ctx.db,
    sql`select id from people where workspace_id = ${ctx.workspaceId}
        ${after ? sql`and id > ${after}` : sql``} order by id limit ${limit}`,
  );
  return rows.map((r) => r.id);
}

export async function countPeople(ctx: RequestContext): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    ctx.db,
    sql`select count(*)::int as n from people where workspace_id = ${ctx.workspaceId}`,
  );
  return row?.n ?? 0;
}

export interface PersonEvent extends IdentifiedEvent {
  personId: string;
}

/**
 * Every event of these people, by person (people without events are absent). Only the
 * event properties scoring rules read are fetched. Each person's events arrive as one
 * JSON array: a full recompute reads ten million events, and parsing them field by field
 * in the driver, then collecting the garbage, was most of its time; JSON.parse is native.
 */
export async function loadEventsByPerson(
  ctx: RequestContext,
  people: PersonSet,
  propertyNames: string[],
): Promise<Map<string, PersonEvent[]>> {
  const byPerson = new Map<string, PersonEvent[]>();
  if (isEmpty(people)) return byPerson;
  const names = [...new Set(propertyNames)];
  const picks = sql.join(
    names.map((n) => sql`, properties->>${n}`),
    sql``,
  );
  // The instant as whole epoch milliseconds (truncated like both drivers' timestamp parsers).
  const rows = await queryRows<{ person_id: string; events: string }>(
    ctx.db,
    sql`select person_id, json_agg(json_build_array(id, type, floor(extract(epoch from occurred_at) * 1000)::int8 ${picks}))::text as events
        from events where workspace_id = ${ctx.workspaceId} and ${personFilter(sql`person_id`, people)}
        group by person_id`,
  );
  for (const r of rows) {
    const personId = r.person_id;
    const list = (JSON.parse(r.events) as [string, string, number, ...(string | null)[]][]).map((e) => {
      const properties: Record<string, unknown> = {};
      for (let i = 0; i < names.length; i++) {
        const v = e[3 + i];
        if (v !== null && v !== undefined) properties[names[i]!] = v;
      }
      return { id: e[0], personId, type: e[1], occurredAt: new Date(e[2]), properties };
    });
    byPerson.set(personId, list);
  }
  return byPerson;
}

/** Full events of one person, newest first, for explanations. */
export async function listPersonEvents(ctx: RequestContext, personId: string, limit: number) {
  const rows = await queryRows<{
    id: string;
    type: string;
    occurred_at: Date | string;
    properties: Record<string, unknown>;
  }>(
    ctx.db,
    sql`select id, type, occurred_at, properties from events
        where workspace_id = ${ctx.workspaceId} and person_id = ${personId}
        order by occurred_at desc limit ${limit}`,
  );
  return rows.map((r) => ({
    id: r.id,
    type: r.type,
    occurredAt: new Date(r.occurred_at),
    properties: r.properties,
  }));
}

/**
 * For the rest of the transaction, no JIT compilation: a recompute batch's statements run
 * for tens of milliseconds, and PostgreSQL 15 spent about ten of them compiling each.
 */
export async function withoutJit(ctx: RequestContext): Promise<void> {
  await ctx.db.execute(sql`set local jit = off`);
}

/**
 * Takes the score rows of these people (creating empty ones) so a full rescore cannot race
 * an increment. `range`, when the ids are a consecutive page, is how the rows are found.
 */
export async function lockScores(
  ctx: RequestContext,
  personIds: string[],
  ruleVersion: number,
  range?: IdRange,
): Promise<void> {
  if (personIds.length === 0) return;
  const sorted = [...personIds].sort();
  const lock = (people: PersonSet) =>
    queryRows<{ person_id: string }>(
      ctx.db,
      sql`select person_id from person_scores where workspace_id = ${ctx.workspaceId}
          and ${personFilter(sql`person_id`, people)} order by person_id for update`,
    );
  // Lock first and create only the missing rows: in a recompute nearly all exist, and an
  // insert that conflicts on every row cost more than the lock.
  const held = new Set((await lock(range ?? sorted)).map((r) => r.person_id));
  const missing = sorted.filter((id) => !held.has(id));
  if (missing.length === 0) return;
  await ctx.db.execute(
    sql`insert into person_scores (workspace_id, person_id, rule_version, scored_at)
        select ${ctx.workspaceId}, p, ${ruleVersion}, ${ctx.now().toISOString()} from unnest(${arrayParam(missing, 'uuid')}) as p
        on conflict do nothing`,
  );
  // Rows another transaction created meanwhile were skipped above: lock them too.
  await lock(missing);
}

export interface ScoreWrite extends PersonScore {
  personId: string;
}

export interface StoredScore {
  personId: string;
  raw: bigint;
  grade: Grade;
  fitPoints: number;
  eventCount: number;
  lastEventAt: Date | null;
  handRaisedAt: Date | null;
  handRaiseEventId: string | null;
  ruleVersion: number;
  engagement: number;
  scoredAt: Date;
}

type ScoreRowSql = {
  person_id: string;
  raw: string;
  grade: Grade;
  fit_points: number;
  event_count: number;
  last_event_at: Date | string | null;
  hand_raised_at: Date | string | null;
  hand_raise_event_id: string | null;
  rule_version: number;
  engagement: number;
  scored_at: Date | string;
};

const RETURNING = sql`returning person_id, engagement_raw::text as raw, grade, fit_points, event_count, last_event_at,
  hand_raised_at, hand_raise_event_id, rule_version, engagement, scored_at`;

/** The increment's hand-raise (`at`, `id`) is earlier than the stored one (ties: the smaller event id). */
const earlier = (at: string, id: string) =>
  sql.raw(
    `(person_scores.hand_raised_at is null or (${at} is not null and (${at}, ${id}) < (person_scores.hand_raised_at, person_scores.hand_raise_event_id)))`,
  );

/** Where an increment's values are read: the unnested input (`u`), or an upsert's `excluded` row. */
const FROM_INPUT = {
  raw: 'u.raw',
  cnt: 'u.cnt',
  last: 'u.last',
  hr: 'u.hr',
  hre: 'u.hre',
  fit: 'u.fit',
  grd: 'u.grd',
};
const FROM_EXCLUDED = {
  raw: 'excluded.engagement_raw',
  cnt: 'excluded.event_count',
  last: 'excluded.last_event_at',
  hr: 'excluded.hand_raised_at',
  hre: 'excluded.hand_raise_event_id',
  fit: 'excluded.fit_points',
  grd: 'excluded.grade',
};

const toDate = (v: Date | string | null) => (v === null ? null : new Date(v));
function toStored(r: ScoreRowSql): StoredScore {
  return {
    personId: r.person_id,
    raw: BigInt(r.raw),
    grade: r.grade,
    fitPoints: r.fit_points,
    eventCount: r.event_count,
    lastEventAt: toDate(r.last_event_at),
    handRaisedAt: toDate(r.hand_raised_at),
    handRaiseEventId: r.hand_raise_event_id,
    ruleVersion: r.rule_version,
    engagement: Number(r.engagement),
    scoredAt: new Date(r.scored_at),
  };
}

/**
 * Which written rows the caller needs back: those of these people that could meet the MQL
 * rule (a hand-raise, or engagement at least `minEngagement`). Sending back every row of
 * a day of events or a recompute batch, only to drop most of them, cost more than the
 * filter.
 */
export interface MqlCandidates {
  personIds: string[];
  minEngagement: number;
}

/**
 * Adds (mode add: the increment of new events) or sets (mode set: a full rescore, of rows
 * the caller holds from `lockScores`) score rows in one statement, returning them all or
 * only `returnOnly`'s. `decayExponent` = (scoredAt − epoch) / halfLife + scale bits: the
 * stored `engagement` is the raw sum divided by 2 to that power.
 */
export async function writeScores(
  ctx: RequestContext,
  mode: 'add' | 'set',
  rows: ScoreWrite[],
  ruleVersion: number,
  decayExponent: number,
  returnOnly?: MqlCandidates,
): Promise<StoredScore[]> {
  if (rows.length === 0) return [];
  const sorted = [...rows].sort((a, b) => (a.personId < b.personId ? -1 : 1));
  const col = <T>(f: (r: ScoreWrite) => T, type: string) => arrayParam(sorted.map(f), type);
  const now = ctx.now().toISOString();
  // raw / 2^exponent without numeric power(): an exact power of two times a float for the fraction.
  const whole = Math.floor(decayExponent);
  const divisor = sql`(${(1n << BigInt(Math.max(0, whole))).toString()}::numeric / ${2 ** -(decayExponent - whole)}::numeric)`;
  const rowsSql = sql`unnest(${col((r) => r.personId, 'uuid')}, ${col((r) => r.raw.toString(), 'numeric')}, ${col((r) => r.fitPoints, 'int')},
          ${col((r) => r.grade, 'text')}, ${col((r) => r.eventCount, 'int')}, ${col((r) => r.lastEventAt, 'timestamptz')},
          ${col((r) => r.handRaisedAt, 'timestamptz')}, ${col((r) => r.handRaiseEventId, 'uuid')})
          as u(pid, raw, fit, grd, cnt, last, hr, hre)`;
  /** The assignments that add an increment (its values read from `v`) to a stored row. */
  const addTo = (v: typeof FROM_INPUT) => {
    const [raw, cnt, last, hr, hre, fit, grd] = [v.raw, v.cnt, v.last, v.hr, v.hre, v.fit, v.grd].map(
      sql.raw,
    );
    return sql`engagement_raw = person_scores.engagement_raw + ${raw},
          engagement = round((person_scores.engagement_raw + ${raw}) / ${divisor}, 6)::float8,
          event_count = person_scores.event_count + ${cnt},
          last_event_at = greatest(person_scores.last_event_at, ${last}),
          hand_raised_at = case when ${earlier(v.hr, v.hre)} then ${hr} else person_scores.hand_raised_at end,
          hand_raise_event_id = case when ${earlier(v.hr, v.hre)} then ${hre} else person_scores.hand_raise_event_id end,
          fit_points = ${fit}, grade = ${grd}, rule_version = ${ruleVersion}, scored_at = ${now}, updated_at = ${now}`;
  };
  const returned = returnOnly
    ? sql`select * from written where person_id = any(${arrayParam(returnOnly.personIds, 'uuid')})
          and (hand_raised_at is not null or engagement >= ${returnOnly.minEngagement})`
    : sql`select * from written`;
  // A rescore replaces rows that exist (the caller locked them): a plain update, without
  // the speculative insert an upsert tries first, which cost twice as much per row.
  // Increments, too, update the rows that exist and insert only the missing ones (whose
  // insert still adds on conflict, for a row another transaction created meanwhile): an
  // upsert of rows that nearly all exist paid for a speculative insert and a tuple lock on
  // each.
  const statement =
    mode === 'set'
      ? sql`with written as (update person_scores set engagement_raw = u.raw, engagement = round(u.raw / ${divisor}, 6)::float8,
          event_count = u.cnt, last_event_at = u.last, hand_raised_at = u.hr, hand_raise_event_id = u.hre,
          fit_points = u.fit, grade = u.grd, rule_version = ${ruleVersion}, scored_at = ${now}, updated_at = ${now}
        from ${rowsSql}
        where person_scores.workspace_id = ${ctx.workspaceId} and person_scores.person_id = u.pid
        ${RETURNING}) ${returned}`
      : sql`with u as (select * from ${rowsSql}),
        updated as (update person_scores set ${addTo(FROM_INPUT)}
        from u where person_scores.workspace_id = ${ctx.workspaceId} and person_scores.person_id = u.pid
        ${RETURNING}),
        inserted as (insert into person_scores as person_scores (workspace_id, person_id, rule_version, engagement_raw, engagement, scored_at,
          fit_points, grade, event_count, last_event_at, hand_raised_at, hand_raise_event_id, updated_at)
        select ${ctx.workspaceId}, u.pid, ${ruleVersion}, u.raw, round(u.raw / ${divisor}, 6)::float8, ${now},
          u.fit, u.grd, u.cnt, u.last, u.hr, u.hre, ${now}
        from u where not exists (select 1 from updated where updated.person_id = u.pid)
        on conflict (workspace_id, person_id) do update set ${addTo(FROM_EXCLUDED)}
        ${RETURNING}),
        written as (select * from updated union all select * from inserted)
        ${returned}`;
  const result = await queryRows<ScoreRowSql>(ctx.db, statement, { prepared: true });
  return result.map(toStored);
}

export async function getScore(ctx: RequestContext, personId: string): Promise<StoredScore | undefined> {
  const rows = await queryRows<ScoreRowSql>(
    ctx.db,
    sql`select person_id, engagement_raw::text as raw, grade, fit_points, event_count, last_event_at, hand_raised_at,
          hand_raise_event_id, rule_version, engagement, scored_at
        from person_scores where workspace_id = ${ctx.workspaceId} and person_id = ${personId}`,
  );
  return rows[0] ? toStored(rows[0]) : undefined;
}

/** All score rows of a workspace (tests and exports). */
export async function listScores(ctx: RequestContext): Promise<StoredScore[]> {
  const rows = await queryRows<ScoreRowSql>(
    ctx.db,
    sql`select person_id, engagement_raw::text as raw, grade, fit_points, event_count, last_event_at, hand_raised_at,
          hand_raise_event_id, rule_version, engagement, scored_at
        from person_scores where workspace_id = ${ctx.workspaceId} order by person_id`,
  );
  return rows.map(toStored);
}

export interface RecomputeJobRow {
  id: string;
  status: string;
  payload: unknown;
  progress: unknown;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

/** A recompute job of this workspace, by id or by its dedupe key (the rule version it recomputes). */
export async function findRecomputeJob(
  ctx: RequestContext,
  kind: string,
  by: { id: string } | { dedupeKey: string },
): Promise<RecomputeJobRow | undefined> {
  const rows = await queryRows<{
    id: string;
    status: string;
    payload: unknown;
    progress: unknown;
    attempts: number;
    last_error: string | null;
    created_at: Date | string;
    finished_at: Date | string | null;
  }>(
    ctx.db,
    sql`select id, status, payload, progress, attempts, last_error, created_at, finished_at from jobs
        where workspace_id = ${ctx.workspaceId} and kind = ${kind}
        and ${'id' in by ? sql`id = ${by.id}` : sql`dedupe_key = ${by.dedupeKey}`}`,
  );
  const r = rows[0];
  return r
    ? {
        id: r.id,
        status: r.status,
        payload: r.payload,
        progress: r.progress,
        attempts: r.attempts,
        lastError: r.last_error,
        createdAt: new Date(r.created_at),
        finishedAt: toDate(r.finished_at),
      }
    : undefined;
}
