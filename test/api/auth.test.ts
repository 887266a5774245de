import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newWorkspace } from '../factories.ts';
import { apiHarness } from './harness.ts';

let h: Awaited<ReturnType<typeof apiHarness>>;
beforeAll(async () => {
  h = await apiHarness();
});
afterAll(() => h.close());

describe('authentication', () => {
  it('signs in with email and password, uses the session cookie, and signs out', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: h.ws.email.toUpperCase(), password: h.ws.password },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().user.roles).toEqual([{ role: 'admin', teamId: null, capacity: null }]);
    const cookie = res.cookies.find((c) => c.name === 'baton_session');
    expect(cookie?.httpOnly).toBe(true);
    const me = await h.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      cookies: { baton_session: cookie!.value },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json().workspace.timeZone).toBe('Asia/Tokyo');
    expect(me.json().workspace.fiscalYearStartMonth).toBe(4);
    const out = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      cookies: { baton_session: cookie!.value },
    });
    expect(out.statusCode).toBe(204);
    const after = await h.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      cookies: { baton_session: cookie!.value },
    });
    expect(after.statusCode).toBe(401);
  });

  it('lists the workspaces of the same email and signs in to the one asked for, with its own password', async () => {
    const other = await newWorkspace(h.database, {
      name: '別会社',
      email: h.ws.email.toUpperCase(),
      password: 'another-password-456',
    });
    const me = await h.app.inject({ method: 'GET', url: '/api/v1/me', headers: h.auth });
    expect(me.json().workspaces.map((w: { id: string }) => w.id)).toEqual([
      h.ws.workspace.id,
      other.workspace.id,
    ]);
    // A stranger's workspaces are never listed.
    expect(me.json().workspaces.every((w: { name: string }) => w.name !== 'テスト株式会社 999')).toBe(true);

    const wrong = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: h.ws.email, password: h.ws.password, workspaceId: other.workspace.id },
    });
    expect(wrong.statusCode).toBe(401);
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: h.ws.email, password: 'another-password-456', workspaceId: other.workspace.id },
    });
    expect(res.statusCode, res.body).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'baton_session')!;
    const there = await h.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      cookies: { baton_session: cookie.value },
    });
    expect(there.json().workspace.name).toBe('別会社');
  });

  it('refuses a wrong password without saying which part was wrong', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: h.ws.email, password: 'wrong-password' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.message).toBe('The email or password is wrong.');
  });

  it('accepts bearer tokens until they are revoked', async () => {
    const created = await h.app.inject({
      method: 'POST',
      url: '/api/v1/api-tokens',
      headers: h.auth,
      payload: { name: 'script' },
    });
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json();
    const ok = await h.app.inject({
      method: 'GET',
      url: '/api/v1/people',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(ok.statusCode).toBe(200);
    const listed = await h.app.inject({ method: 'GET', url: '/api/v1/api-tokens', headers: h.auth });
    expect(JSON.stringify(listed.json())).not.toContain(token);
    await h.app.inject({ method: 'DELETE', url: `/api/v1/api-tokens/${id}`, headers: h.auth });
    const revoked = await h.app.inject({
      method: 'GET',
      url: '/api/v1/people',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(revoked.statusCode).toBe(401);
  });
});
