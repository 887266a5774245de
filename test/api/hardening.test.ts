import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/platform/db/open-database.ts';
import { queryRows } from '../../src/platform/db/query-rows.ts';
import { buildServer } from '../../src/platform/http/server.ts';
import { createApiToken } from '../../src/workspace/create-api-token.ts';
import { createTestDatabase } from '../db.ts';
import { newWorkspace } from '../factories.ts';

let database: Database;
let app: FastifyInstance;
let ws: Awaited<ReturnType<typeof newWorkspace>>;
let token: string;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildServer({
    database,
    hardening: { rateLimitPerMinute: 40, trackingRateLimitPerMinute: 30, loginFailures: 3 },
  });
  ws = await newWorkspace(database);
  token = (await createApiToken(ws.ctx, { userId: ws.adminUserId, name: 't' })).token;
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const peopleCount = async () =>
  (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from people`))[0]!.n;

async function signIn(ip = '10.0.0.1') {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    remoteAddress: ip,
    payload: { email: ws.email, password: ws.password },
  });
  expect(res.statusCode, res.body).toBe(200);
  const cookies = Object.fromEntries(res.cookies.map((c) => [c.name, c.value]));
  return cookies as { baton_session: string; baton_csrf: string };
}

describe('security headers', () => {
  it('sends a CSP and the usual hardening headers', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toBeDefined();
  });
});

describe('CSRF for cookie sessions', () => {
  it('refuses a cookie write without the token header, accepts it with, and exempts bearer tokens', async () => {
    const { baton_session, baton_csrf } = await signIn();
    expect(baton_csrf).toBeTruthy();
    const before = await peopleCount();
    const forged = await app.inject({
      method: 'POST',
      url: '/api/v1/people',
      cookies: { baton_session, baton_csrf },
      payload: { email: 'csrf@example.jp' },
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().error.details[0].path).toBe('x-csrf-token');
    expect(await peopleCount()).toBe(before);
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/v1/people',
      cookies: { baton_session, baton_csrf },
      headers: { 'x-csrf-token': 'x'.repeat(baton_csrf.length) },
      payload: { email: 'csrf@example.jp' },
    });
    expect(wrong.statusCode).toBe(403);
    const ok = await app.inject({
      method: 'POST',
      url: '/api/v1/people',
      cookies: { baton_session, baton_csrf },
      headers: { 'x-csrf-token': baton_csrf },
      payload: { email: 'csrf@example.jp' },
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const read = await app.inject({ method: 'GET', url: '/api/v1/people', cookies: { baton_session } });
    expect(read.statusCode).toBe(200);
    const bearer = await app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: { authorization: `Bearer ${token}` },
      payload: { email: 'bearer@example.jp' },
    });
    expect(bearer.statusCode).toBe(201);
  });
});

describe('login throttling', () => {
  it('pauses an email after repeated failures from one address, not from another', async () => {
    const ip = '10.9.9.9';
    for (let i = 0; i < 3; i++) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: ip,
        payload: { email: ws.email, password: 'wrong-password' },
      });
      expect(res.statusCode).toBe(401);
    }
    const blocked = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: ip,
      payload: { email: ws.email, password: ws.password },
    });
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    await signIn('10.8.8.8');
  });

  it('refuses oversized sign-in bodies', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: ws.email, password: 'x'.repeat(10_000) },
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('payload_too_large');
  });

  it('refuses oversized API bodies without writing', async () => {
    const before = await peopleCount();
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: { authorization: `Bearer ${token}` },
      payload: { email: 'big@example.jp', attributes: { blob: 'x'.repeat(1_100_000) } },
    });
    expect(res.statusCode).toBe(413);
    expect(await peopleCount()).toBe(before);
  });
});

describe('rate limits', () => {
  it('answers 429 with Retry-After per token, leaving other tokens alone', async () => {
    const other = (await createApiToken(ws.ctx, { userId: ws.adminUserId, name: 'other' })).token;
    let limited: Awaited<ReturnType<typeof app.inject>> | undefined;
    for (let i = 0; i < 60 && !limited; i++) {
      const res = await app.inject({
        method: 'GET',
        url: '/api/v1/people?limit=1',
        headers: { authorization: `Bearer ${token}` },
      });
      if (res.statusCode === 429) limited = res;
    }
    expect(limited).toBeDefined();
    expect(limited!.json().error.code).toBe('rate_limited');
    expect(Number(limited!.headers['retry-after'])).toBeGreaterThan(0);
    const fine = await app.inject({
      method: 'GET',
      url: '/api/v1/people?limit=1',
      headers: { authorization: `Bearer ${other}` },
    });
    expect(fine.statusCode).toBe(200);
  });
});

describe('rate limits before authentication', () => {
  it('limits floods of unknown tokens, and tracking requests per write key with their own budget', async () => {
    const flood = async (n: number, request: () => Promise<{ statusCode: number }>) => {
      const statuses: number[] = [];
      for (let i = 0; i < n; i++) statuses.push((await request()).statusCode);
      return statuses;
    };
    const bearer = await flood(45, () =>
      app.inject({
        method: 'GET',
        url: '/api/v1/people',
        headers: { authorization: 'Bearer bt_flood' },
        remoteAddress: '10.7.7.7',
      }),
    );
    expect(bearer.slice(0, 40).every((s) => s === 401)).toBe(true);
    expect(bearer.at(-1)).toBe(429);

    const track = (key: string) => () =>
      app.inject({
        method: 'POST',
        url: '/t/v1/batch',
        headers: { 'x-baton-write-key': key },
        payload: { events: [{ type: 'page_view' }] },
        remoteAddress: '10.7.7.8',
      });
    const tracked = await flood(31, track('bwk_flood'));
    expect(tracked.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(tracked.at(-1)).toBe(429);
    // Another site's key from the same address has its own budget.
    expect((await track('bwk_other')()).statusCode).toBe(401);
  });
});
