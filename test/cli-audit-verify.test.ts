import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/platform/db/open-database.ts';
import { createWorkspace } from '../src/workspace/create-workspace.ts';

const baton = (dir: string) =>
  spawnSync(process.execPath, ['bin/baton.js', 'audit', 'verify', '--data-dir', dir], {
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: '' },
  });

describe('baton audit verify', () => {
  it('exits 0 on an intact chain and 1 naming the first edited row', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-audit-'));
    try {
      let database = await openDatabase({ dataDir: dir });
      await createWorkspace(
        database.db,
        { name: '監査テスト', slug: 'audit-test' },
        { email: 'a@audit.example.jp', displayName: 'A', password: 'correct-horse-battery' },
      );
      await database.close();
      const ok = baton(dir);
      expect(ok.status, ok.stderr).toBe(0);
      expect(ok.stdout).toContain('audit-test: ok, 1 rows');

      database = await openDatabase({ dataDir: dir });
      await database.db.execute(sql`update audit_log set reason = 'edited'`);
      await database.close();
      const bad = baton(dir);
      expect(bad.status).toBe(1);
      expect(bad.stderr).toMatch(/audit-test: BROKEN at audit row seq \d+ .*workspace\.create.*edited/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
