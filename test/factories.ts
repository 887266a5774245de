import { afterAll, beforeAll } from 'vitest';
import type { RequestContext } from '../src/platform/context.ts';
import type { Database } from '../src/platform/db/open-database.ts';
import { createWorkspace } from '../src/workspace/create-workspace.ts';
import { createTestDatabase } from './db.ts';

let counter = 0;

/** A workspace with its first admin, and a context acting as that admin. */
export async function newWorkspace(
  database: Database,
  overrides: { name?: string; email?: string; password?: string } = {},
) {
  counter++;
  const password = overrides.password ?? 'correct-horse-battery';
  const email = overrides.email ?? `admin${counter}@example.co.jp`;
  const { workspace, adminUserId } = await createWorkspace(
    database.db,
    { name: overrides.name ?? `テスト株式会社 ${counter}`, slug: `ws-${counter}-${Date.now().toString(36)}` },
    { email, displayName: '管理者', password },
  );
  const ctx: RequestContext = {
    workspaceId: workspace.id,
    db: database.db,
    now: () => new Date(),
    actor: { type: 'user', userId: adminUserId, roles: ['admin'] },
  };
  return { workspace, adminUserId, email, password, ctx };
}

/**
 * A test database with one workspace for the whole test file: opened before its tests,
 * closed after them. Read `database` and `ctx` inside tests (they are set in `beforeAll`).
 */
export function workspaceForFile(): { database: Database; ctx: RequestContext } {
  const fixture = {} as { database: Database; ctx: RequestContext };
  beforeAll(async () => {
    fixture.database = await createTestDatabase();
    fixture.ctx = (await newWorkspace(fixture.database)).ctx;
  });
  afterAll(() => fixture.database.close());
  return fixture;
}
