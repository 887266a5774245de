import { createHash } from 'node:crypto';
import { canonicalJson } from '../canonical-json.ts';

/** The fields of an audit row that its hash covers. */
export interface AuditContent {
  id: string;
  workspaceId: string;
  at: Date;
  actorType: string;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
}

/** hash = sha256(previous hash + canonical content): editing or removing any row breaks every later link. */
export function auditHash(prevHash: string | null, content: AuditContent): string {
  return createHash('sha256')
    .update(prevHash ?? '')
    .update('\n')
    .update(canonicalJson(content))
    .digest('hex');
}

export interface ChainBreak {
  seq: number;
  id: string;
  problem: 'prev_hash_mismatch' | 'hash_mismatch';
}

/** Walks rows in seq order and names the first row whose link or content does not check out. */
export function findChainBreak(
  rows: Iterable<AuditContent & { seq: number; prevHash: string | null; hash: string | null }>,
  startHash: string | null = null,
): ChainBreak | null {
  let prev = startHash;
  for (const row of rows) {
    if (row.prevHash !== prev) return { seq: row.seq, id: row.id, problem: 'prev_hash_mismatch' };
    const { seq: _s, prevHash: _p, hash, ...content } = row;
    if (auditHash(prev, content) !== hash) return { seq: row.seq, id: row.id, problem: 'hash_mismatch' };
    prev = hash;
  }
  return null;
}
