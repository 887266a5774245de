import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LEAD_LIFECYCLE } from '../../src/lifecycle/default-stages.ts';
import { lifecycleJobs } from '../../src/lifecycle/jobs.ts';
import { queryRows } from '../../src/platform/db/query-rows.ts';
import { JobRunner } from '../../src/platform/jobs/job-runner.ts';
import { verifySignature } from '../../src/platform/webhooks/signature.ts';
import { apiHarness } from './harness.ts';

let h: Awaited<ReturnType<typeof apiHarness>>;
beforeAll(async () => {
  h = await apiHarness();
});
afterAll(() => h.close());

const count = async (table: string) =>
  (await queryRows<{ n: number }>(h.database.db, sql`select count(*)::int as n from ${sql.raw(table)}`))[0]!
    .n;
const snapshot = async () => ({
  history: await count('stage_history'),
  handoffs: await count('handoffs'),
  audit: await count('audit_log'),
  definitions: await count('stage_definitions'),
});

async function newPerson(source = 'inbound'): Promise<string> {
  const res = await h.app.inject({
    method: 'POST',
    url: '/api/v1/people',
    headers: h.auth,
    payload: { email: `p${Math.random().toString(36).slice(2)}@example.co.jp`, source },
  });
  return res.json().id;
}
const move = (id: string, payload: object) =>
  h.app.inject({ method: 'POST', url: `/api/v1/people/${id}/transitions`, headers: h.auth, payload });

describe('lifecycle API: bad input changes nothing', () => {
  it('illegal moves, unknown stages, missing reasons and past re-approach dates are 400/409 naming the rule', async () => {
    const id = await newPerson();
    const before = await snapshot();
    const cases: [object, number, string][] = [
      [{ to: 'recycled', reason: 'x', reapproachOn: '2099-01-01' }, 409, 'not allowed'],
      [{ to: 'nowhere' }, 400, 'is not a stage'],
      [{ to: 'disqualified' }, 400, 'needs a reason'],
      [{ to: 'lead' }, 409, 'Already in'],
      [{ to: 'nurturing', expectedStage: 'mql' }, 409, 'moved to "lead"'],
    ];
    for (const [payload, status, message] of cases) {
      const res = await move(id, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(status);
      expect(res.json().error.message).toContain(message);
    }
    await move(id, { to: 'nurturing' });
    await move(id, { to: 'mql' });
    const mid = await snapshot();
    const past = await move(id, { to: 'recycled', reason: 'timing', reapproachOn: '2020-01-01' });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.details[0].path).toBe('reapproachOn');
    const noDate = await move(id, { to: 'recycled', reason: 'timing' });
    expect(noDate.json().error.message).toContain('re-approach date');
    expect(await snapshot()).toEqual(mid);
    expect(mid.history).toBe(before.history + 2);
  });

  it('invalid definitions are 400 naming the rule; removing an occupied stage is 409 naming it', async () => {
    const before = await snapshot();
    const orphan = {
      ...DEFAULT_LEAD_LIFECYCLE,
      stages: [
        ...DEFAULT_LEAD_LIFECYCLE.stages,
        { ...DEFAULT_LEAD_LIFECYCLE.stages.find((s) => s.key === 'disqualified')!, key: 'orphan' },
      ],
    };
    const bad = await h.app.inject({
      method: 'PUT',
      url: '/api/v1/stages/lead',
      headers: h.auth,
      payload: orphan,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('"orphan" cannot be reached');
    const wrongShape = await h.app.inject({
      method: 'PUT',
      url: '/api/v1/stages/lead',
      headers: h.auth,
      payload: { ...DEFAULT_LEAD_LIFECYCLE, stages: 'none' },
    });
    expect(wrongShape.statusCode).toBe(400);

    const id = await newPerson();
    await move(id, { to: 'nurturing' });
    const withoutNurturing = {
      ...DEFAULT_LEAD_LIFECYCLE,
      stages: DEFAULT_LEAD_LIFECYCLE.stages
        .filter((s) => s.key !== 'nurturing')
        .map((s) =>
          s.key === 'lead'
            ? { ...s, transitions: ['mql', 'disqualified'] }
            : s.key === 'recycled'
              ? { ...s, transitions: ['mql'] }
              : s,
        ),
    };
    const occupied = await h.app.inject({
      method: 'PUT',
      url: '/api/v1/stages/lead',
      headers: h.auth,
      payload: withoutNurturing,
    });
    expect(occupied.statusCode).toBe(409);
    expect(occupied.json().error.message).toMatch(/"nurturing" \(\d+\)/);
    const after = await snapshot();
    expect(after.definitions).toBe(before.definitions);

    const ok = await h.app.inject({
      method: 'PUT',
      url: '/api/v1/stages/lead',
      headers: h.auth,
      payload: {
        ...DEFAULT_LEAD_LIFECYCLE,
        stages: DEFAULT_LEAD_LIFECYCLE.stages.map((s) =>
          s.key === 'mql' ? { ...s, labelEn: 'Hot lead' } : s,
        ),
      },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().version).toBe(2);
    const got = await h.app.inject({ method: 'GET', url: '/api/v1/stages/lead', headers: h.auth });
    expect(got.json()).toMatchObject({ version: 2, lifecycle: 'lead' });
  });
});

describe('hand-offs over HTTP', () => {
  it('mql opens a hand-off with its context; reject needs a reason and an outcome; accept moves to sal', async () => {
    const id = await newPerson('outbound');
    await move(id, { to: 'nurturing' });
    const mql = await move(id, { to: 'mql', context: { notes: 'pricing page ×3', bant: { budget: '¥2M' } } });
    expect(mql.statusCode).toBe(201);
    const handoff = mql.json().handoff;
    expect(handoff).toMatchObject({
      kind: 'mql',
      toRole: 'sdr',
      status: 'open',
      context: { notes: 'pricing page ×3' },
    });

    const list = await h.app.inject({
      method: 'GET',
      url: `/api/v1/handoffs?status=open&kind=mql&toRole=sdr&personId=${id}`,
      headers: h.auth,
    });
    expect(list.json().items.map((x: { id: string }) => x.id)).toEqual([handoff.id]);

    const noReason = await h.app.inject({
      method: 'POST',
      url: `/api/v1/handoffs/${handoff.id}/reject`,
      headers: h.auth,
      payload: {},
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details[0].path).toContain('reason');
    const noOutcome = await h.app.inject({
      method: 'POST',
      url: `/api/v1/handoffs/${handoff.id}/reject`,
      headers: h.auth,
      payload: { reason: 'wrong person' },
    });
    expect(noOutcome.statusCode).toBe(400);
    expect(noOutcome.json().error.details[0].path).toBe('outcome');

    const accepted = await h.app.inject({
      method: 'POST',
      url: `/api/v1/handoffs/${handoff.id}/accept`,
      headers: h.auth,
      payload: {},
    });
    expect(accepted.json().status).toBe('accepted');
    const history = await h.app.inject({
      method: 'GET',
      url: `/api/v1/people/${id}/stage-history`,
      headers: h.auth,
    });
    expect(history.json().items.map((r: { toStage: string }) => r.toStage)).toEqual([
      'lead',
      'nurturing',
      'mql',
      'sal',
    ]);
    const again = await h.app.inject({
      method: 'POST',
      url: `/api/v1/handoffs/${handoff.id}/accept`,
      headers: h.auth,
      payload: {},
    });
    expect(again.statusCode).toBe(409);
  });

  it('notifications list per user, unread and read', async () => {
    const id = await newPerson();
    await move(id, { to: 'nurturing' });
    const { handoff } = (await move(id, { to: 'mql' })).json();
    await h.app.inject({
      method: 'POST',
      url: `/api/v1/handoffs/${handoff.id}/assign`,
      headers: h.auth,
      payload: { toUserId: h.ws.adminUserId },
    });
    const unread = await h.app.inject({
      method: 'GET',
      url: '/api/v1/notifications?unread=true',
      headers: h.auth,
    });
    const items = unread.json().items as { id: string; kind: string }[];
    expect(items.some((n) => n.kind === 'handoff.assigned')).toBe(true);
    await h.app.inject({
      method: 'POST',
      url: '/api/v1/notifications/read',
      headers: h.auth,
      payload: { ids: items.map((n) => n.id) },
    });
    const after = await h.app.inject({
      method: 'GET',
      url: '/api/v1/notifications?unread=true',
      headers: h.auth,
    });
    expect(after.json().items).toEqual([]);
  });
});

describe('webhooks', () => {
  let server: Server;
  const received: { headers: IncomingMessage['headers']; body: string }[] = [];
  let failNext = 0;
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.statusCode = failNext-- > 0 ? 500 : 204;
        res.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('refuses non-http(s) and private targets', async () => {
    for (const url of ['ftp://example.com/x', 'http://127.0.0.1:9/x', 'not a url']) {
      const res = await h.app.inject({
        method: 'POST',
        url: '/api/v1/webhooks',
        headers: h.auth,
        payload: { url, events: ['stage.changed'] },
      });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.details[0].path).toBe('url');
    }
  });

  it('delivers signed events through the jobs runner, retrying with backoff and logging each attempt', async () => {
    process.env.BATON_WEBHOOK_ALLOW_PRIVATE = '1';
    const port = (server.address() as AddressInfo).port;
    const created = await h.app.inject({
      method: 'POST',
      url: '/api/v1/webhooks',
      headers: h.auth,
      payload: { url: `http://127.0.0.1:${port}/hook`, events: ['stage.changed', 'handoff.opened'] },
    });
    delete process.env.BATON_WEBHOOK_ALLOW_PRIVATE;
    expect(created.statusCode).toBe(201);
    const { id: subId, secret } = created.json();

    const id = await newPerson();
    failNext = 1;
    await move(id, { to: 'nurturing' });
    let clock = new Date();
    const runner = new JobRunner(h.database.db, {
      ...lifecycleJobs({ allowPrivateWebhookTargets: true }),
      now: () => clock,
    });
    await runner.runDue();
    const log1 = (
      await h.app.inject({ method: 'GET', url: `/api/v1/webhooks/${subId}/deliveries`, headers: h.auth })
    ).json();
    expect(log1.items[0]).toMatchObject({ status: 'retrying', attempts: 1, lastStatusCode: 500 });
    clock = new Date(clock.getTime() + 6_000);
    await runner.runDue();
    const log2 = (
      await h.app.inject({ method: 'GET', url: `/api/v1/webhooks/${subId}/deliveries`, headers: h.auth })
    ).json();
    expect(log2.items[0]).toMatchObject({ status: 'succeeded', attempts: 2, lastStatusCode: 204 });

    const last = received.at(-1)!;
    expect(
      verifySignature(
        secret,
        {
          signature: String(last.headers['x-baton-signature']),
          timestamp: String(last.headers['x-baton-timestamp']),
        },
        last.body,
        Math.floor(clock.getTime() / 1000),
      ),
    ).toBe(true);
    expect(
      verifySignature(
        'whsec_wrong',
        {
          signature: String(last.headers['x-baton-signature']),
          timestamp: String(last.headers['x-baton-timestamp']),
        },
        last.body,
        Math.floor(clock.getTime() / 1000),
      ),
    ).toBe(false);
    expect(JSON.parse(last.body)).toMatchObject({
      type: 'stage.changed',
      data: { from: 'lead', to: 'nurturing' },
    });
    expect(last.headers['x-baton-delivery']).toBe(log2.items[0].id);
  });
});
