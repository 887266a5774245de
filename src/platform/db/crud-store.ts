import { and, asc, desc, eq, getTableColumns, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { RequestContext } from '../context.ts';
import { DomainError } from '../errors.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';

/** A page of a list: `nextCursor` is null on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface ListQuery {
  limit: number;
  cursor?: string | undefined;
  /** A sortable field name, `-` in front for descending. */
  sort: string;
  q?: string | undefined;
  filters: Record<string, string | number | boolean | undefined>;
  /** Extra conditions from the use case (record-level access). */
  scope?: SQL | undefined;
}

export type TenantTable = PgTable & {
  workspaceId: AnyPgColumn;
  id: AnyPgColumn;
  version: AnyPgColumn;
  createdAt: AnyPgColumn;
  updatedAt: AnyPgColumn;
};

export interface CrudConfig<T extends TenantTable> {
  table: T;
  /** Sort keys: each an expression that is never null (coalesce nullable columns). */
  sortable: Record<string, SQL | AnyPgColumn>;
  searchable: AnyPgColumn[];
  filterable: Record<string, AnyPgColumn>;
  /**
   * Called in the write's transaction with the rows before and after an insert, update or
   * delete (empty where there is none): a slice keeps counters derived from the rows.
   */
  onChange?: (ctx: RequestContext, before: T['$inferSelect'][], after: T['$inferSelect'][]) => Promise<void>;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Tenant-scoped list/get/insert/update/delete for one table: keyset pagination on
 * (sort key, id), text search, equality filters, and optimistic `version` checks.
 * Every statement filters on workspace_id.
 */
export function makeCrudStore<T extends TenantTable>(config: CrudConfig<T>) {
  const { table } = config;
  type Row = T['$inferSelect'];
  const tenant = (ctx: RequestContext) => eq(table.workspaceId, ctx.workspaceId);
  // `scope` narrows every statement to the records the actor may reach (record-level access).
  const byId = (ctx: RequestContext, id: string, scope?: SQL) => and(tenant(ctx), eq(table.id, id), scope);

  const get = async (ctx: RequestContext, id: string, scope?: SQL): Promise<Row | undefined> => {
    const [row] = await ctx.db
      .select()
      .from(table as PgTable)
      .where(byId(ctx, id, scope));
    return row as Row | undefined;
  };

  return {
    table,

    async list(ctx: RequestContext, query: ListQuery): Promise<Page<Row>> {
      const descending = query.sort.startsWith('-');
      const key = descending ? query.sort.slice(1) : query.sort;
      const sortExpr = config.sortable[key];
      if (!sortExpr) {
        throw new DomainError('invalid_input', `Cannot sort by "${key}".`, [
          {
            path: 'sort',
            message: `use one of: ${Object.keys(config.sortable).join(', ')} (prefix - for descending)`,
          },
        ]);
      }
      const conditions: (SQL | undefined)[] = [tenant(ctx), query.scope];
      for (const [name, value] of Object.entries(query.filters)) {
        const column = config.filterable[name];
        if (value !== undefined && column) conditions.push(eq(column, value));
      }
      if (query.q) {
        const pattern = `%${escapeLike(query.q)}%`;
        conditions.push(or(...config.searchable.map((c) => ilike(c, pattern))));
      }
      if (query.cursor) {
        const [value, id] = decodeCursor(query.cursor);
        const cmp = descending ? sql`<` : sql`>`;
        conditions.push(sql`(${sortExpr}, ${table.id}) ${cmp} (${value}, ${id}::uuid)`);
      }
      const order = descending ? desc : asc;
      const rows = await ctx.db
        .select({ ...getTableColumns(table), _sortKey: sql<string>`(${sortExpr})::text` })
        .from(table as PgTable)
        .where(and(...conditions))
        .orderBy(order(sortExpr), order(table.id))
        .limit(query.limit + 1);
      const items = rows.slice(0, query.limit);
      const last = items.at(-1);
      const nextCursor =
        rows.length > query.limit && last ? encodeCursor([last._sortKey, last.id as string]) : null;
      return { items: items.map(({ _sortKey, ...row }) => row as Row), nextCursor };
    },

    get,

    /** Reads a row and locks it for the rest of the transaction. */
    async getForUpdate(ctx: RequestContext, id: string, scope?: SQL): Promise<Row | undefined> {
      const [row] = await ctx.db
        .select()
        .from(table as PgTable)
        .where(byId(ctx, id, scope))
        .for('update');
      return row as Row | undefined;
    },

    /** The rows of these ids the scope reaches (any order); `lock` locks them in id order. */
    async getMany(ctx: RequestContext, ids: string[], scope?: SQL, lock = false): Promise<Row[]> {
      if (ids.length === 0) return [];
      const query = ctx.db
        .select()
        .from(table as PgTable)
        .where(and(tenant(ctx), inArray(table.id, ids), scope))
        .orderBy(asc(table.id));
      return (lock ? await query.for('update') : await query) as Row[];
    },

    async insert(ctx: RequestContext, values: Omit<T['$inferInsert'], 'workspaceId'>): Promise<Row> {
      const [row] = await ctx.db
        .insert(table)
        // The context's clock, as updates use: a seeded run (the demo) creates at simulated time.
        .values({
          createdAt: ctx.now(),
          updatedAt: ctx.now(),
          ...values,
          workspaceId: ctx.workspaceId,
        } as T['$inferInsert'])
        .returning();
      await config.onChange?.(ctx, [], [row as Row]);
      return row as Row;
    },

    /** Updates only when the stored version is `expectedVersion`; undefined otherwise. */
    async update(
      ctx: RequestContext,
      id: string,
      expectedVersion: number,
      values: Partial<T['$inferInsert']>,
      scope?: SQL,
    ): Promise<Row | undefined> {
      const before = config.onChange ? await get(ctx, id, scope) : undefined;
      const rows = (await ctx.db
        .update(table)
        .set({ ...values, version: sql`${table.version} + 1`, updatedAt: ctx.now() } as never)
        .where(and(byId(ctx, id, scope), eq(table.version, expectedVersion)))
        .returning()) as Row[];
      if (config.onChange && before && rows[0]) await config.onChange(ctx, [before], [rows[0]]);
      return rows[0];
    },

    async remove(ctx: RequestContext, id: string, expectedVersion: number, scope?: SQL): Promise<boolean> {
      const rows = (await ctx.db
        .delete(table)
        .where(and(byId(ctx, id, scope), eq(table.version, expectedVersion)))
        .returning()) as Row[];
      if (rows.length > 0) await config.onChange?.(ctx, rows, []);
      return rows.length > 0;
    },
  };
}

export type CrudStore<T extends TenantTable> = ReturnType<typeof makeCrudStore<T>>;
