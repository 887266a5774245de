import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerWebApp } from '../../src/platform/http/web-app.ts';

describe('web app serving', () => {
  const root = mkdtempSync(join(tmpdir(), 'baton-web-'));
  const app = Fastify();

  beforeAll(async () => {
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(root, 'assets', 'main-abc123.js'), 'console.log(1)');
    app.setNotFoundHandler((_req, reply) => reply.code(404).send({ error: { code: 'not_found' } }));
    app.get('/api/v1/ping', () => ({ ok: true }));
    await registerWebApp(app, root);
  });
  afterAll(async () => {
    await app.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('serves index.html at / and for client-side routes', async () => {
    for (const url of ['/', '/marketing/leads', '/people/123?tab=x']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.body).toContain('id="root"');
    }
  });

  it('serves hashed assets with a long cache', async () => {
    const res = await app.inject({ url: '/assets/main-abc123.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toContain('immutable');
    expect(res.body).toBe('console.log(1)');
  });

  it('answers a missing file with 404, not the app', async () => {
    expect((await app.inject({ url: '/assets/gone-123.js' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/../package.json' })).statusCode).not.toBe(200);
  });

  it('serves files built after start', async () => {
    writeFileSync(join(root, 'assets', 'later-456.js'), 'console.log(2)');
    expect((await app.inject({ url: '/assets/later-456.js' })).body).toBe('console.log(2)');
  });

  it('leaves unknown /api paths to the JSON 404', async () => {
    const res = await app.inject({ url: '/api/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'not_found' } });
    expect((await app.inject({ url: '/api/v1/ping' })).json()).toEqual({ ok: true });
  });
});
