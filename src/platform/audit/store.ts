import { and, asc, desc, eq, gt, gte, lt, type SQL, sql } from 'drizzle-orm';
import { toJsonValue } from '../canonical-json.ts';
import { atCommit } from '../commit-writes.ts';
import type { RequestContext } from '../context.ts';
import { bulkInsert } from '../db/bulk-insert.ts';
import { newId } from '../ids.ts';
import { auditLog } from '../schema.ts';
import { AUDIT_HASH_VERSION, type AuditContent, auditHash, payloadDigest } from './audit-chain.ts';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

/**
 * Appends one audit row inside the caller's transaction. The row's content is fixed now;
 * it is chained and inserted just before commit (atCommit), under a per-workspace
 * advisory lock that orders concurrent appenders so each row links to the one committed
 * before it.
 */
export async function appendAudit(ctx: RequestContext, entry: AuditEntry): Promise<void> {
  const content: AuditContent = {
    id: newId(ctx),
    workspaceId: ctx.workspaceId,
    at: ctx.now(),
    actorType: ctx.actor.type,
    actorId: ctx.actor.userId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: toJsonValue(entry.before),
    after: toJsonValue(entry.after),
    reason: entry.reason ?? null,
  };
  await atCommit(ctx, 'z:audit', insertChained, [content]);
}

/** Links rows to the chain's head and inserts them, in the order they were appended. */
async function insertChained(ctx: RequestContext, contents: AuditContent[]): Promise<void> {
  await ctx.db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`audit:${ctx.workspaceId}`}, 0))`);
  const [last] = await ctx.db
    .select({ hash: auditLog.hash })
    .from(auditLog)
    .where(eq(auditLog.workspaceId, ctx.workspaceId))
    .orderBy(desc(auditLog.seq))
    .limit(1);
  let prevHash = last?.hash ?? null;
  const rows = contents.map((content) => {
    const hash = auditHash(prevHash, content);
    const row = { ...content, prevHash, hash, hashVersion: AUDIT_HASH_VERSION };
    prevHash = hash;
    return row;
  });
  // One array per column (a day of the demo, an MQL burst: hundreds of rows); seq follows
  // the arrays' order, which is the chain's.
  await bulkInsert(ctx.db, auditLog, rows);
}

/** Audit rows in chain order, a page at a time (for verify, the viewer and export). */
export function listAuditRows(ctx: RequestContext, afterSeq: number, limit: number) {
  return ctx.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.workspaceId, ctx.workspaceId), gt(auditLog.seq, afterSeq)))
    .orderBy(asc(auditLog.seq))
    .limit(limit);
}

/** What the audit viewer and export filter on; every field optional. */
export interface AuditFilter {
  entityType?: string | undefined;
  entityId?: string | undefined;
  actorId?: string | undefined;
  /** An exact action (`person.update`) or a prefix ending in a dot (`person.`). */
  action?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

function filterConditions(ctx: RequestContext, f: AuditFilter): SQL[] {
  const c: (SQL | undefined)[] = [eq(auditLog.workspaceId, ctx.workspaceId)];
  if (f.entityType) c.push(eq(auditLog.entityType, f.entityType));
  if (f.entityId) c.push(eq(auditLog.entityId, f.entityId));
  if (f.actorId) c.push(eq(auditLog.actorId, f.actorId));
  if (f.action)
    c.push(
      f.action.endsWith('.')
        ? sql`starts_with(${auditLog.action}, ${f.action})`
        : eq(auditLog.action, f.action),
    );
  if (f.from) c.push(gte(auditLog.at, f.from));
  if (f.to) c.push(lt(auditLog.at, f.to));
  return c.filter((x): x is SQL => x !== undefined);
}

/** Newest first, a page at a time: rows with seq below `beforeSeq`. */
export function queryAuditRows(
  ctx: RequestContext,
  filter: AuditFilter,
  beforeSeq: number | null,
  limit: number,
) {
  const conditions = filterConditions(ctx, filter);
  if (beforeSeq !== null) conditions.push(lt(auditLog.seq, beforeSeq));
  return ctx.db
    .select()
    .from(auditLog)
    .where(and(...conditions))
    .orderBy(desc(auditLog.seq))
    .limit(limit);
}

/** Oldest first, for field history and exports: rows with seq above `afterSeq`. */
export function queryAuditRowsAscending(
  ctx: RequestContext,
  filter: AuditFilter,
  afterSeq: number,
  limit: number,
) {
  return ctx.db
    .select()
    .from(auditLog)
    .where(and(...filterConditions(ctx, filter), gt(auditLog.seq, afterSeq)))
    .orderBy(asc(auditLog.seq))
    .limit(limit);
}

export type AuditRow = typeof auditLog.$inferSelect;

/**
 * Replaces the payloads of one row (privacy erasure) and keeps the digests the hash was
 * computed over, so the chain still verifies and the redaction itself is visible.
 */
export async function redactAuditRow(
  ctx: RequestContext,
  row: AuditRow,
  before: unknown,
  after: unknown,
): Promise<void> {
  await ctx.db
    .update(auditLog)
    .set({
      before: toJsonValue(before),
      after: toJsonValue(after),
      beforeDigest: row.beforeDigest ?? payloadDigest(row.before),
      afterDigest: row.afterDigest ?? payloadDigest(row.after),
      redactedAt: ctx.now(),
    })
    .where(and(eq(auditLog.workspaceId, ctx.workspaceId), eq(auditLog.id, row.id)));
}
