import type { CommitWrites } from './commit-writes.ts';
import type { Db } from './db/open-database.ts';
import type { IdSource } from './ids.ts';

/** The roles of DOMAIN.md section 1, plus manager and admin. */
export const ROLES = [
  'marketing',
  'mdr',
  'sdr',
  'ae',
  'onb',
  'csm',
  'am',
  'adr',
  'manager',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

/** Who is acting: a signed-in user, a user's API token, the CLI, or Baton itself (jobs). */
export interface Actor {
  type: 'user' | 'token' | 'cli' | 'system';
  userId: string | null;
  roles: Role[];
}

/**
 * Passed into every use case and store: the tenant, the actor and the clock. Record-level
 * access is decided from it below the routes, so no route can forget it.
 */
export interface RequestContext {
  workspaceId: string;
  actor: Actor;
  db: Db;
  now: () => Date;
  /** Numbered ids for a seeded run (the demo); unset, new rows get random ids (ids.ts). */
  ids?: IdSource;
  /** Set inside `inTransaction`: hot-row writes made just before commit (commit-writes.ts). */
  commitWrites?: CommitWrites;
  /** Set inside `inTransaction`: configuration read once per transaction (transaction-memo.ts). */
  memo?: Map<string, Promise<unknown>>;
}

export function systemContext(
  db: Db,
  workspaceId: string,
  type: 'cli' | 'system' = 'system',
): RequestContext {
  return { workspaceId, db, actor: { type, userId: null, roles: ['admin'] }, now: () => new Date() };
}
