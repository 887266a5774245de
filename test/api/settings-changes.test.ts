import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lifecycleJobs } from '../../src/lifecycle/jobs.ts';
import { JobRunner } from '../../src/platform/jobs/job-runner.ts';
import { createApiToken } from '../../src/workspace/create-api-token.ts';
import { createUser } from '../../src/workspace/manage-users.ts';
import { apiHarness } from './harness.ts';

let h: Awaited<ReturnType<typeof apiHarness>>;
beforeAll(async () => {
  h = await apiHarness();
  const form = await h.app.inject({
    method: 'POST',
    url: '/api/v1/forms',
    headers: h.auth,
    payload: { name: 'ebook', kind: 'ebook' },
  });
  const { formKey } = form.json() as { formKey: string };
  // Three people with one ebook download each: 10 points, far from the MQL rule.
  for (const email of ['a@preview.co.jp', 'b@preview.co.jp', 'c@preview.co.jp']) {
    const res = await h.app.inject({ method: 'POST', url: `/f/v1/${formKey}`, payload: { email } });
    expect(res.statusCode).toBe(200);
  }
});
afterAll(() => h.close());

async function currentRules() {
  const res = await h.app.inject({ method: 'GET', url: '/api/v1/scoring/rules', headers: h.auth });
  return res.json() as { version: number; rules: { mql: Record<string, unknown> } & Record<string, unknown> };
}

async function asRole(role: 'marketing' | 'mdr') {
  const user = await createUser(h.ws.ctx, {
    email: `${role}-${Date.now()}@preview.co.jp`,
    displayName: role,
    roles: [{ role }],
  });
  const { token } = await createApiToken(h.ws.ctx, { userId: user.id, name: role });
  return { authorization: `Bearer ${token}` };
}

describe('scoring rule preview and background recompute', () => {
  it('counts who would cross the MQL rule without writing, then recomputes in a job with progress', async () => {
    const { version, rules } = await currentRules();
    const proposed = { ...rules, mql: { ...rules.mql, minEngagement: 5, minGrade: 'D' } };
    const preview = await h.app.inject({
      method: 'POST',
      url: '/api/v1/scoring/preview',
      headers: h.auth,
      payload: { rules: proposed },
    });
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({
      baseVersion: version,
      people: 3,
      meetingBefore: 0,
      meetingAfter: 3,
      newlyCrossing: 3,
      stopCrossing: 0,
      wouldPromote: 3,
      gradeChanges: 0,
    });
    // Nothing was written: the rules and stages are as they were.
    expect((await currentRules()).version).toBe(version);

    const stricter = await h.app.inject({
      method: 'POST',
      url: '/api/v1/scoring/preview',
      headers: h.auth,
      payload: { rules: { ...rules, grades: { A: 500, B: 400, C: 300 } } },
    });
    expect(stricter.json()).toMatchObject({ gradeChanges: 0, gradesAfter: { D: 3 } });

    const saved = await h.app.inject({
      method: 'PUT',
      url: '/api/v1/scoring/rules',
      headers: h.auth,
      payload: { expectedVersion: version, rules: proposed, recompute: 'background' },
    });
    expect(saved.statusCode).toBe(200);
    const { recomputeJobId, recompute } = saved.json();
    expect(recompute).toBeNull();
    const queued = await h.app.inject({
      method: 'GET',
      url: `/api/v1/scoring/recompute-jobs/${recomputeJobId}`,
      headers: h.auth,
    });
    expect(queued.json()).toMatchObject({ status: 'queued', ruleVersion: version + 1, done: 0, total: 3 });

    await new JobRunner(h.database.db, lifecycleJobs()).runDue();
    const done = await h.app.inject({
      method: 'GET',
      url: `/api/v1/scoring/recompute-jobs/${recomputeJobId}`,
      headers: h.auth,
    });
    expect(done.json()).toMatchObject({ status: 'done', done: 3, total: 3, mqls: 3 });
    const people = await h.app.inject({
      method: 'GET',
      url: '/api/v1/people?lifecycleStage=mql',
      headers: h.auth,
    });
    expect(people.json().items).toHaveLength(3);
  });

  it('lets Marketing preview scoring rules, and refuses previews and rule changes to Inside Sales', async () => {
    const { rules } = await currentRules();
    const marketer = await asRole('marketing');
    const preview = await h.app.inject({
      method: 'POST',
      url: '/api/v1/scoring/preview',
      headers: marketer,
      payload: { rules },
    });
    expect(preview.statusCode, preview.body).toBe(200);
    const mdr = await asRole('mdr');
    for (const [method, url] of [
      ['POST', '/api/v1/scoring/preview'],
      ['PUT', '/api/v1/scoring/rules'],
    ] as const) {
      const res = await h.app.inject({ method, url, headers: mdr, payload: { rules } });
      expect(res.statusCode).toBe(403);
    }
  });
});

describe('background CSV import', () => {
  const csv = [
    'Email,First Name,Last Name,Lifecycle Stage,Create Date',
    'ok1@runs.co.jp,一郎,鈴木,lead,2025-06-01',
    'not-an-email,二郎,鈴木,lead,2025-06-01',
    'ok2@runs.co.jp,三郎,鈴木,lead,2025-06-01',
  ].join('\n');

  async function run(query: string) {
    const started = await h.app.inject({
      method: 'POST',
      url: `/api/v1/import/hubspot-contacts/runs?${query}`,
      headers: { ...h.auth, 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(started.statusCode).toBe(202);
    expect(started.json()).toMatchObject({ status: 'running', totalBytes: Buffer.byteLength(csv) });
    for (let i = 0; i < 100; i++) {
      const res = await h.app.inject({
        method: 'GET',
        url: `/api/v1/import/runs/${started.json().id}`,
        headers: h.auth,
      });
      if (res.json().status !== 'running') return res.json();
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('the import run did not finish');
  }

  it('dry-runs with the errors per line and column, then imports the valid lines', async () => {
    const dry = await run('dryRun=true&skipInvalid=true');
    expect(dry).toMatchObject({
      status: 'done',
      dryRun: true,
      report: { rows: 3, valid: 2, invalid: 1, created: 2, committed: false },
    });
    expect(dry.report.errors).toEqual([{ line: 3, column: 'Email', message: expect.any(String) }]);
    const none = await h.app.inject({ method: 'GET', url: '/api/v1/people?q=runs.co.jp', headers: h.auth });
    expect(none.json().items).toHaveLength(0);

    const refused = await run('');
    expect(refused.report).toMatchObject({ invalid: 1, committed: false, created: 0 });

    const real = await run('skipInvalid=true');
    expect(real).toMatchObject({ status: 'done', bytesDone: Buffer.byteLength(csv) });
    expect(real.report).toMatchObject({ committed: true, created: 2, invalid: 1 });
    const found = await h.app.inject({ method: 'GET', url: '/api/v1/people?q=runs.co.jp', headers: h.auth });
    expect(found.json().items).toHaveLength(2);
  });

  it('does not show one workspace a run of another', async () => {
    const res = await h.app.inject({
      method: 'GET',
      url: '/api/v1/import/runs/00000000-0000-4000-8000-000000000000',
      headers: h.auth,
    });
    expect(res.statusCode).toBe(404);
  });
});
