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

/** The hash scheme new rows are written with. */
export const AUDIT_HASH_VERSION = 2;

/** SHA-256 of a payload in canonical JSON: what a version-2 hash covers instead of the payload. */
export function payloadDigest(value: unknown): string {
  return createHash('sha256')
    .update(canonicalJson(value ?? null))
    .digest('hex');
}

/**
 * hash = sha256(previous hash + canonical content): editing or removing any row breaks
 * every later link. Version 2 covers the payloads' digests rather than the payloads, so
 * a privacy erasure can redact a payload (keeping its digest) without breaking the chain.
 */
export function auditHash(
  prevHash: string | null,
  content: AuditContent,
  version = AUDIT_HASH_VERSION,
  digests?: { before: string; after: string },
): string {
  const covered =
    version === 1
      ? content
      : {
          ...content,
          before: digests?.before ?? payloadDigest(content.before),
          after: digests?.after ?? payloadDigest(content.after),
        };
  return createHash('sha256')
    .update(prevHash ?? '')
    .update('\n')
    .update(canonicalJson(covered))
    .digest('hex');
}

export interface ChainBreak {
  seq: number;
  id: string;
  problem: 'prev_hash_mismatch' | 'hash_mismatch';
}

export type ChainRow = AuditContent & {
  seq: number;
  prevHash: string | null;
  hash: string | null;
  hashVersion?: number;
  beforeDigest?: string | null;
  afterDigest?: string | null;
  redactedAt?: Date | null;
};

/** Checks one row against the hash before it; null when it checks out. */
export function checkChainRow(row: ChainRow, prev: string | null): ChainBreak | null {
  if (row.prevHash !== prev) return { seq: row.seq, id: row.id, problem: 'prev_hash_mismatch' };
  const {
    seq: _s,
    prevHash: _p,
    hash,
    hashVersion = 1,
    beforeDigest,
    afterDigest,
    redactedAt,
    ...content
  } = row;
  // A version-1 row redacted by an erasure keeps its link but its content can no longer be recomputed.
  if (hashVersion === 1 && redactedAt) return null;
  const digests =
    redactedAt && beforeDigest && afterDigest ? { before: beforeDigest, after: afterDigest } : undefined;
  if (auditHash(prev, content, hashVersion, digests) !== hash)
    return { seq: row.seq, id: row.id, problem: 'hash_mismatch' };
  return null;
}

/** Walks rows in seq order and names the first row whose link or content does not check out. */
export function findChainBreak(rows: Iterable<ChainRow>, startHash: string | null = null): ChainBreak | null {
  let prev = startHash;
  for (const row of rows) {
    const broken = checkChainRow(row, prev);
    if (broken) return broken;
    prev = row.hash;
  }
  return null;
}
