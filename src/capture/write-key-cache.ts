import type { Db } from '../platform/db/open-database.ts';
import { isActiveWriteKey } from './store.ts';

/**
 * How long a verified write key is trusted without asking the database again. Every
 * tracking request carries the key, and at 1,000 requests/s the lookup was a query and a
 * pooled connection per request. A key revoked in this process stops working at once
 * (revoke clears it here); another server process notices within this time.
 */
export const WRITE_KEY_TRUST_MS = 5_000;
/** Entries kept at most; past it the cache starts over (keys are few, hashes are not guessable). */
const MAX_ENTRIES = 10_000;

const trustedUntil = new Map<string, number>();
const entryKey = (workspaceId: string, keyHash: string) => `${workspaceId}:${keyHash}`;

/** Whether the write key is active, from the cache when it was verified recently. Unknown keys are never cached. */
export async function isTrustedWriteKey(db: Db, workspaceId: string, keyHash: string): Promise<boolean> {
  const key = entryKey(workspaceId, keyHash);
  const until = trustedUntil.get(key);
  if (until !== undefined && until > Date.now()) return true;
  trustedUntil.delete(key);
  if (!(await isActiveWriteKey(db, workspaceId, keyHash))) return false;
  if (trustedUntil.size >= MAX_ENTRIES) trustedUntil.clear();
  trustedUntil.set(key, Date.now() + WRITE_KEY_TRUST_MS);
  return true;
}

/** Forgets every verified key of a workspace: called when one of its keys is revoked. */
export function forgetWriteKeys(workspaceId: string): void {
  for (const key of trustedUntil.keys()) if (key.startsWith(`${workspaceId}:`)) trustedUntil.delete(key);
}
