import { and, desc, eq, inArray, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import type { RequestContext } from '../context.ts';
import { newId } from '../ids.ts';
import { notifications } from '../schema.ts';

export type NotificationRow = typeof notifications.$inferSelect;

export interface NewNotification {
  userId: string;
  kind: string;
  title: string;
  entityType?: string | null;
  entityId?: string | null;
  data?: unknown;
  dedupeKey?: string | null;
}

/** Inserts notices; one with a (user, dedupe key) already raised is skipped. Returns how many were new. */
export async function insertNotifications(ctx: RequestContext, rows: NewNotification[]): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await ctx.db
    .insert(notifications)
    .values(
      rows.map((r) => ({
        ...r,
        data: r.data ?? {},
        id: newId(ctx),
        workspaceId: ctx.workspaceId,
        createdAt: ctx.now(),
      })),
    )
    .onConflictDoNothing()
    .returning({ id: notifications.id });
  return inserted.length;
}

export function listNotifications(
  ctx: RequestContext,
  userId: string,
  f: { unread?: boolean | undefined; limit: number; before?: [Date, string] | undefined },
): Promise<NotificationRow[]> {
  const where: (SQL | undefined)[] = [
    eq(notifications.workspaceId, ctx.workspaceId),
    eq(notifications.userId, userId),
    f.unread === true
      ? isNull(notifications.readAt)
      : f.unread === false
        ? isNotNull(notifications.readAt)
        : undefined,
    f.before
      ? sql`(${notifications.createdAt}, ${notifications.id}) < (${f.before[0].toISOString()}::timestamptz, ${f.before[1]}::uuid)`
      : undefined,
  ];
  return ctx.db
    .select()
    .from(notifications)
    .where(and(...where))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(f.limit);
}

export async function markRead(
  ctx: RequestContext,
  userId: string,
  ids: string[],
  at: Date,
): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await ctx.db
    .update(notifications)
    .set({ readAt: at })
    .where(
      and(
        eq(notifications.workspaceId, ctx.workspaceId),
        eq(notifications.userId, userId),
        inArray(notifications.id, ids),
        isNull(notifications.readAt),
      ),
    )
    .returning({ id: notifications.id });
  return rows.map((r) => r.id);
}
