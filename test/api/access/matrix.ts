import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { campaignsStore } from '../../../src/capture/store.ts';
import { accountsStore, peopleStore } from '../../../src/crm/store.ts';
import { handoffs } from '../../../src/lifecycle/schema.ts';
import { opportunities } from '../../../src/pipeline/schema.ts';
import {
  type AccessAction,
  DEFAULT_ACCESS_POLICY,
  isAllowed,
  type Resource,
  scopeFor,
} from '../../../src/platform/access-policy.ts';
import { type RequestContext, ROLES, type Role, systemContext } from '../../../src/platform/context.ts';
import { queryRows } from '../../../src/platform/db/query-rows.ts';
import { cadenceUseCases } from '../../../src/routing/manage-cadences.ts';
import { tasks } from '../../../src/routing/schema.ts';
import { customerAccounts, subscriptions } from '../../../src/success/schema.ts';
import { createApiToken } from '../../../src/workspace/create-api-token.ts';
import { createUser } from '../../../src/workspace/manage-users.ts';
import { newWorkspace } from '../../factories.ts';
import { apiHarness } from '../harness.ts';

/**
 * The access matrix: every endpoint of the OpenAPI document × every role × a record that
 * is the actor's own, a teammate's, another team's, unowned, or in another workspace.
 * The expected outcome comes from the default policy (src/platform/access-policy.ts);
 * a denied request must change nothing, an allowed write must be audited, and nothing
 * in the other workspace may ever be read or written. The route specs live by area in
 * `routes-*.ts`; `access-matrix.test.ts` checks that together they classify every route.
 */

export type Relation = 'own' | 'team' | 'other_team' | 'unowned' | 'ownerless' | 'other_ws';
/** Records the matrix makes. `customers`, `subscriptions` and `cs_tasks` belong to an account's owner. */
export type RecordResource =
  | 'people'
  | 'accounts'
  | 'campaigns'
  | 'users'
  | 'api_tokens'
  | 'opportunities'
  | 'handoffs'
  | 'customers'
  | 'subscriptions'
  | 'tasks'
  | 'cs_tasks'
  | 'teams';

/** The policy resource deciding access to a record the matrix makes. */
const POLICY: Record<RecordResource, Resource> = {
  people: 'people',
  accounts: 'accounts',
  campaigns: 'campaigns',
  users: 'users',
  api_tokens: 'api_tokens',
  opportunities: 'opportunities',
  handoffs: 'handoffs',
  customers: 'customers',
  subscriptions: 'customers',
  tasks: 'tasks',
  cs_tasks: 'customers',
  // The team directory is administered like the user directory.
  teams: 'users',
};

interface RecordRoute {
  kind: 'record';
  resource: RecordResource;
  action: AccessAction;
  /** Also needs this resource granted on every record (privacy requests). */
  needsAll?: { resource: Resource; action: AccessAction };
  /** Also needs one of these roles (admins always pass): a manager's override. */
  onlyRoles?: Role[];
  body?: (version: number, ctx: { actorId: string; id: string }) => unknown;
  query?: (version: number) => string;
  /** The URL when the record's id is not the path's `{id}` (it goes in the body instead). */
  url?: () => string;
  /** Ids a route refuses even when access allows (deleting yourself). */
  conflictOnOwn?: boolean;
  /** The status an allowed role gets when the record is not in a state the action needs (default 2xx). */
  allowedStatus?: number;
}
interface ListRoute {
  kind: 'list';
  resource: RecordResource;
}
interface CreateRoute {
  kind: 'create';
  resource: RecordResource;
  body: (owner: string | null, marker: string) => unknown;
}
interface Need {
  resource: Resource;
  action: AccessAction;
  need: 'any' | 'all';
}
interface WholeRoute extends Need {
  kind: 'whole';
  /** Another grant that also opens the route (revenue reports: managers or Customer Success). */
  or?: Need;
  /** A JSON body, or a string sent as text/csv. */
  body?: () => unknown;
  /** A concrete URL when the route needs ids, and the status an allowed role gets (default 2xx). */
  url?: () => string;
  allowedStatus?: number;
}
export type RouteSpec =
  | RecordRoute
  | ListRoute
  | CreateRoute
  | WholeRoute
  | { kind: 'public' }
  | { kind: 'self' }
  | { kind: 'member'; url?: () => string; body?: () => unknown; allowedStatus?: number };

export const patchName = (field: string) => (version: number) => ({
  version,
  [field]: `改 ${randomUUID().slice(0, 6)}`,
});
export const versionQuery = (version: number) => `?version=${version}`;
/** A URL with a fresh unknown id: allowed roles get past the access check to a 404. */
export const unknownId = (path: string) => () => path.replace('{id}', randomUUID());

const OWNERLESS: RecordResource[] = ['campaigns', 'teams'];
const relationsOf = (r: RecordResource): Relation[] =>
  OWNERLESS.includes(r)
    ? ['ownerless', 'other_ws']
    : r === 'users' || r === 'api_tokens'
      ? ['own', 'team', 'other_team', 'other_ws']
      : ['own', 'team', 'other_team', 'unowned', 'other_ws'];

const scopes = (role: Role, resource: Resource, action: AccessAction) =>
  scopeFor(DEFAULT_ACCESS_POLICY, [role], resource, action);
const holds = (role: Role, n: Need) => {
  const s = scopes(role, n.resource, n.action);
  return n.need === 'all' ? s.includes('all') : !s.includes('none');
};

function expected(role: Role, record: RecordResource, action: AccessAction, relation: Relation): boolean {
  if (relation === 'other_ws') return false;
  const resource = POLICY[record];
  const granted = scopes(role, resource, action);
  const reads = scopes(role, resource, 'read');
  if (relation === 'ownerless') return granted.includes('all') && reads.includes('all');
  return isAllowed(granted, relation) && isAllowed(reads, relation);
}

/** Ids the fixture makes that route specs need in their URLs (each test file has its own). */
export const made = { cadenceId: '' };

/** A server with two workspaces, two teams and one token per role; records made on demand. */
export function matrixSuite() {
  let h: Awaited<ReturnType<typeof apiHarness>>;
  let ws2: Awaited<ReturnType<typeof newWorkspace>>;
  let admin1: RequestContext;
  let admin2: RequestContext;
  const actors = new Map<Role, { userId: string; token: string }>();
  const fx = {
    mateId: '',
    strangerId: '',
    teamA: '',
    teamB: '',
    get h() {
      return h;
    },
    get ws2() {
      return ws2;
    },
    actors,
  };
  let n = 0;
  const marker = () => `m${++n}x${randomUUID().slice(0, 8)}`;

  async function auditCount(workspaceId: string): Promise<number> {
    const [row] = await queryRows<{ n: number }>(
      h.database.db,
      sql`select count(*)::int as n from audit_log where workspace_id = ${workspaceId}`,
    );
    return row!.n;
  }

  async function newMember(role: Role, teamId: string, ctx = admin1): Promise<string> {
    const m = marker();
    const user = await createUser(ctx, {
      email: `${m}@staff.example.jp`,
      displayName: m,
      roles: [{ role, teamId }],
    });
    return user.id;
  }

  const daysFrom = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

  /** Creates a fresh record of a resource with the given relation to `actorId`; returns its id and version. */
  async function makeRecord(
    resource: RecordResource,
    relation: Relation,
    actorId: string,
  ): Promise<{ id: string; version: number; marker: string }> {
    const ctx = relation === 'other_ws' ? admin2 : admin1;
    const owner =
      relation === 'own'
        ? actorId
        : relation === 'team'
          ? fx.mateId
          : relation === 'other_team'
            ? fx.strangerId
            : relation === 'other_ws'
              ? ws2.adminUserId
              : null;
    const m = marker();
    const id = randomUUID();
    const w = { workspaceId: ctx.workspaceId };
    /** A customer account of `owner` (in adoption, so the CS lists show it). */
    const customer = async (accountId = randomUUID()) => {
      await accountsStore.insert(ctx, {
        id: accountId,
        name: `${m} 顧客`,
        ownerUserId: owner,
        customerStage: 'adoption',
      } as never);
      await ctx.db.insert(customerAccounts).values({ ...w, accountId });
      return accountId;
    };
    switch (resource) {
      case 'people':
        await peopleStore.insert(ctx, {
          id,
          email: `${m}@people.example.jp`,
          emailNormalized: `${m}@people.example.jp`,
          lastName: m,
          ownerUserId: owner,
        });
        return { id, version: 1, marker: m };
      case 'accounts':
        await accountsStore.insert(ctx, { id, name: `${m} 株式会社`, ownerUserId: owner });
        return { id, version: 1, marker: m };
      case 'campaigns':
        await campaignsStore.insert(ctx, { id, name: `${m} campaign`, channel: 'email' });
        return { id, version: 1, marker: m };
      case 'teams':
        await ctx.db.execute(
          sql`insert into teams (workspace_id, id, name, kind) values (${ctx.workspaceId}, ${id}, ${m}, 'marketing')`,
        );
        return { id, version: 1, marker: m };
      case 'users': {
        // "own" is the actor; the others are fresh users (deleting one must not break later cases).
        const userId =
          relation === 'own'
            ? actorId
            : relation === 'team'
              ? await newMember('ae', fx.teamA)
              : relation === 'other_team'
                ? await newMember('ae', fx.teamB)
                : await newMember('ae', fx.teamA, admin2);
        const [row] = await queryRows<{ version: number; email: string }>(
          h.database.db,
          sql`select version, email from users where id = ${userId}`,
        );
        return { id: userId, version: row!.version, marker: row!.email.split('@')[0]! };
      }
      case 'api_tokens': {
        const created = await createApiToken(ctx, { userId: owner!, name: m });
        return { id: created.id, version: 1, marker: m };
      }
      case 'opportunities': {
        const accountId = randomUUID();
        await accountsStore.insert(ctx, { id: accountId, name: `${m} 商談先` });
        await ctx.db.insert(opportunities).values({ ...w, id, accountId, name: m, ownerUserId: owner });
        return { id, version: 1, marker: m };
      }
      case 'handoffs': {
        const personId = randomUUID();
        await peopleStore.insert(ctx, {
          id: personId,
          email: `${m}@handoff.example.jp`,
          emailNormalized: `${m}@handoff.example.jp`,
          lifecycleStage: 'mql',
        });
        const now = new Date();
        await ctx.db.insert(handoffs).values({
          ...w,
          id,
          kind: 'mql',
          personId,
          fromRole: 'marketing',
          toRole: 'mdr',
          toUserId: owner,
          openedAt: now,
          dueAt: new Date(now.getTime() + 86_400_000),
        });
        return { id, version: 1, marker: m };
      }
      case 'customers':
        return { id: await customer(id), version: 1, marker: m };
      case 'subscriptions': {
        const accountId = await customer();
        await ctx.db.insert(subscriptions).values({
          ...w,
          id,
          accountId,
          plan: m,
          mrr: 100_000,
          startsOn: daysFrom(-300),
          renewsOn: daysFrom(65),
        });
        return { id, version: 1, marker: m };
      }
      case 'tasks':
      case 'cs_tasks': {
        const accountId = resource === 'cs_tasks' ? await customer() : null;
        await ctx.db.insert(tasks).values({
          ...w,
          id,
          kind: resource === 'cs_tasks' ? 'renewal' : 'nurture_follow_up',
          title: m,
          dueAt: new Date(),
          assigneeUserId: owner,
          accountId,
        });
        return { id, version: 1, marker: m };
      }
    }
  }

  beforeAll(async () => {
    h = await apiHarness({ hardening: { rateLimitPerMinute: 1_000_000 } });
    ws2 = await newWorkspace(h.database, { name: '別会社' });
    admin1 = systemContext(h.database.db, h.ws.workspace.id);
    admin1.actor.userId = h.ws.adminUserId;
    admin2 = systemContext(h.database.db, ws2.workspace.id);
    admin2.actor.userId = ws2.adminUserId;
    fx.teamA = randomUUID();
    fx.teamB = randomUUID();
    for (const [id, name] of [
      [fx.teamA, 'エンタープライズPOD'],
      [fx.teamB, 'SMB POD'],
    ] as const)
      await h.database.db.execute(
        sql`insert into teams (workspace_id, id, name, kind) values (${h.ws.workspace.id}, ${id}, ${name}, 'pod')`,
      );
    made.cadenceId = (
      await cadenceUseCases.create(admin1, {
        name: 'matrix cadence',
        steps: [{ dayOffset: 0, channel: 'call', instructions: '電話' }],
      })
    ).id;
    fx.mateId = await newMember('ae', fx.teamA);
    fx.strangerId = await newMember('ae', fx.teamB);
    for (const role of ROLES) {
      const userId = await newMember(role, fx.teamA);
      const { token } = await createApiToken(admin1, { userId, name: `${role} token` });
      actors.set(role, { userId, token });
    }
  }, 120_000);
  afterAll(() => h.close());

  /** A request as the role's token; a string payload goes as text/csv. */
  function request(role: Role, method: string, url: string, payload?: unknown) {
    const { token } = actors.get(role)!;
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (typeof payload === 'string') headers['content-type'] = 'text/csv';
    return h.app.inject({
      method: method as 'GET',
      url,
      headers,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  }

  const isOk = (status: number, allowedStatus?: number) =>
    allowedStatus ? status === allowedStatus : status >= 200 && status < 300;

  /** One test per route: the generated cases of its kind. */
  function testRoutes(routes: Record<string, RouteSpec>): void {
    for (const [route, spec] of Object.entries(routes)) {
      const [method, path] = route.split(' ') as [string, string];
      if (spec.kind === 'record')
        it(`${route}: every role × own / team / other team / unowned / other workspace`, () =>
          recordCases(method, path, spec));
      else if (spec.kind === 'list')
        it(`${route}: every role sees exactly the records its scope allows`, () => listCases(path, spec));
      else if (spec.kind === 'create')
        it(`${route}: every role × owner own / team / other team / unowned`, () => createCases(path, spec));
      else if (spec.kind === 'whole')
        it(`${route}: only roles granted ${spec.resource} ${spec.action} (${spec.need})${spec.or ? ` or ${spec.or.resource}` : ''}`, () =>
          wholeCases(method, path, spec));
      else if (spec.kind === 'member')
        it(`${route}: every role (reference data or the actor's own)`, async () => {
          for (const role of ROLES) {
            const res = await request(role, method, spec.url?.() ?? path, spec.body?.());
            expect(
              isOk(res.statusCode, spec.allowedStatus),
              `${role}: ${res.statusCode} ${res.body.slice(0, 160)}`,
            ).toBe(true);
          }
        });
      else if (spec.kind === 'self')
        it(`${route}: every role reads its own profile`, async () => {
          for (const role of ROLES) {
            const res = await request(role, method, path);
            expect(res.statusCode).toBe(200);
            expect(res.json().user.id).toBe(actors.get(role)!.userId);
            expect(res.json().workspace.id).toBe(h.ws.workspace.id);
          }
        });
    }
  }

  async function recordCases(method: string, path: string, spec: RecordRoute) {
    const failures: string[] = [];
    for (const role of ROLES) {
      const actor = actors.get(role)!;
      for (const relation of relationsOf(spec.resource)) {
        const rec = await makeRecord(spec.resource, relation, actor.userId);
        let allow = expected(role, spec.resource, spec.action, relation);
        if (spec.needsAll) allow &&= holds(role, { ...spec.needsAll, need: 'all' });
        if (spec.onlyRoles) allow &&= role === 'admin' || spec.onlyRoles.includes(role);
        const conflict = spec.conflictOnOwn && relation === 'own' && allow;
        const before1 = await auditCount(h.ws.workspace.id);
        const before2 = await auditCount(ws2.workspace.id);
        const url = (spec.url?.() ?? path.replace('{id}', rec.id)) + (spec.query?.(rec.version) ?? '');
        const res = await request(
          role,
          method,
          url,
          spec.body?.(rec.version, { actorId: actor.userId, id: rec.id }),
        );
        const ok = isOk(res.statusCode, spec.allowedStatus);
        const tag = `${role} ${relation}: ${res.statusCode} ${res.body.slice(0, 160)}`;
        if (conflict) {
          if (res.statusCode !== 409) failures.push(`expected 409 (cannot delete yourself) — ${tag}`);
        } else if (allow !== ok) failures.push(`expected ${allow ? 'allowed' : 'denied'} — ${tag}`);
        // An id sent in the body is a reference: another workspace's may also be a 400.
        else if (!ok && ![403, 404, ...(spec.url ? [400] : [])].includes(res.statusCode))
          failures.push(`denied with odd status — ${tag}`);
        if ((await auditCount(ws2.workspace.id)) !== before2)
          failures.push(`wrote to the other workspace — ${tag}`);
        const after1 = await auditCount(h.ws.workspace.id);
        if (!ok && after1 !== before1) failures.push(`denied request left audit rows — ${tag}`);
        if (ok && spec.action === 'write' && res.statusCode < 300 && after1 <= before1)
          failures.push(`write not audited — ${tag}`);
      }
    }
    expect(failures).toEqual([]);
  }

  async function listCases(path: string, spec: ListRoute) {
    const failures: string[] = [];
    for (const role of ROLES) {
      const actor = actors.get(role)!;
      const recs = await Promise.all(
        relationsOf(spec.resource).map(async (relation) => ({
          relation,
          ...(await makeRecord(spec.resource, relation, actor.userId)),
        })),
      );
      const res = await request(role, 'GET', spec.resource === 'api_tokens' ? path : `${path}?limit=200`);
      if (scopes(role, POLICY[spec.resource], 'read').includes('none')) {
        if (res.statusCode !== 403) failures.push(`${role}: expected 403, got ${res.statusCode}`);
        continue;
      }
      const ids = new Set<string>();
      // Every page: lists sorted by name or date put the fresh records anywhere.
      for (let page = res.json(); ; ) {
        for (const item of page.items as { id: string }[]) ids.add(item.id);
        if (!page.nextCursor) break;
        const cursor = encodeURIComponent(page.nextCursor);
        page = (await request(role, 'GET', `${path}?limit=200&cursor=${cursor}`)).json();
      }
      for (const rec of recs) {
        const allow = expected(role, spec.resource, 'read', rec.relation);
        if (ids.has(rec.id) !== allow)
          failures.push(`${role} ${rec.relation}: expected ${allow ? 'listed' : 'hidden'}`);
      }
    }
    expect(failures).toEqual([]);
  }

  async function createCases(path: string, spec: CreateRoute) {
    const failures: string[] = [];
    for (const role of ROLES) {
      const actor = actors.get(role)!;
      for (const relation of relationsOf(spec.resource).filter((r) => r !== 'other_ws')) {
        const owner =
          relation === 'own'
            ? actor.userId
            : relation === 'team'
              ? fx.mateId
              : relation === 'other_team'
                ? fx.strangerId
                : null;
        // Creating users needs every user; tokens for someone else need every token.
        let allow: boolean;
        if (spec.resource === 'users')
          allow = holds(role, { resource: 'users', action: 'write', need: 'all' }) && relation === 'own';
        else if (spec.resource === 'api_tokens')
          allow = relation === 'own' || holds(role, { resource: 'api_tokens', action: 'write', need: 'all' });
        else allow = expected(role, spec.resource, 'write', relation);
        if (spec.resource === 'users' && relation !== 'own') continue;
        const before = await auditCount(h.ws.workspace.id);
        const res = await request(role, 'POST', path, spec.body(owner, marker()));
        const ok = res.statusCode === 201;
        const tag = `${role} ${relation}: ${res.statusCode} ${res.body.slice(0, 160)}`;
        if (ok !== allow) failures.push(`expected ${allow ? 'created' : 'refused'} — ${tag}`);
        const after = await auditCount(h.ws.workspace.id);
        if (!ok && after !== before) failures.push(`refused create left audit rows — ${tag}`);
        if (ok && after <= before) failures.push(`create not audited — ${tag}`);
      }
    }
    expect(failures).toEqual([]);
  }

  async function wholeCases(method: string, path: string, spec: WholeRoute) {
    const failures: string[] = [];
    for (const role of ROLES) {
      const allow = holds(role, spec) || (spec.or ? holds(role, spec.or) : false);
      const before = await auditCount(h.ws.workspace.id);
      const res = await request(role, method, spec.url?.() ?? path, spec.body?.());
      const ok = isOk(res.statusCode, spec.allowedStatus);
      if (ok !== allow)
        failures.push(
          `${role}: expected ${allow ? 'allowed' : 'denied'}, got ${res.statusCode} ${res.body.slice(0, 160)}`,
        );
      if (!ok && res.statusCode !== 403) failures.push(`${role}: denied with ${res.statusCode}`);
      if (!allow && (await auditCount(h.ws.workspace.id)) !== before)
        failures.push(`${role}: denied request left audit rows`);
    }
    expect(failures).toEqual([]);
  }

  return { fx, request, makeRecord, auditCount, marker, testRoutes };
}
