import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, gt, sql } from 'drizzle-orm';
import { toJsonValue } from '../canonical-json.ts';
import type { RequestContext } from '../context.ts';
import { auditLog } from '../schema.ts';
import { type AuditContent, auditHash } from './audit-chain.ts';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

/**
 * Appends one audit row inside the caller's transaction. A per-workspace advisory lock
 * orders concurrent appenders so each row links to the one committed before it.
 */
export async function appendAudit(ctx: RequestContext, entry: AuditEntry): Promise<void> {
  await ctx.db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`audit:${ctx.workspaceId}`}, 0))`);
  const [last] = await ctx.db
    .select({ hash: auditLog.hash })
    .from(auditLog)
    .where(eq(auditLog.workspaceId, ctx.workspaceId))
    .orderBy(desc(auditLog.seq))
    .limit(1);
  const content: AuditContent = {
    id: randomUUID(),
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
  const prevHash = last?.hash ?? null;
  await ctx.db.insert(auditLog).values({ ...content, prevHash, hash: auditHash(prevHash, content) });
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
