import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/platform/db/open-database.ts';
import { newWorkspace } from '../factories.ts';

const run = promisify(execFile);
const bin = fileURLToPath(new URL('../../bin/baton.js', import.meta.url));
let dir: string;
const baton = (...args: string[]) =>
  run(process.execPath, [bin, ...args, '--data-dir', join(dir, 'db')], {
    env: { ...process.env, DATABASE_URL: '' },
  })
    .then((r) => ({ code: 0, ...r }))
    .catch((e: { code: number; stdout: string; stderr: string }) => e);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'baton-stages-'));
  const db = await openDatabase({ dataDir: join(dir, 'db') });
  await newWorkspace(db);
  await db.close();
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('baton stages export|import', () => {
  it('exports JSON, imports an edit as a new version, refuses an invalid file naming the rule', async () => {
    const file = join(dir, 'stages.json');
    expect((await baton('stages', 'export', '--out', file)).code).toBe(0);
    const stages = JSON.parse(readFileSync(file, 'utf8'));
    expect(Object.keys(stages)).toEqual(['lead', 'opportunity', 'customer']);
    stages.lead.stages.find((s: { key: string }) => s.key === 'mql').labelEn = 'Hot lead';
    writeFileSync(file, JSON.stringify({ lead: stages.lead }));
    const imported = await baton('stages', 'import', file);
    expect(imported.stdout).toContain('lead: stored as version 2');

    stages.lead.stages.find((s: { key: string }) => s.key === 'sal').transitions = ['nowhere'];
    writeFileSync(file, JSON.stringify({ lead: stages.lead }));
    const bad = await baton('stages', 'import', file);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('unknown stage "nowhere"');
    const after = await baton('stages', 'export', '--lifecycle', 'lead');
    expect(JSON.parse(after.stdout).lead.stages.find((s: { key: string }) => s.key === 'mql').labelEn).toBe(
      'Hot lead',
    );
  }, 120_000);
});
