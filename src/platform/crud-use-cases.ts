import { getTableColumns, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { cannotChange, recordScope } from './access.ts';
import type { Resource } from './access-policy.ts';
import { appendAudit } from './audit/store.ts';
import type { RequestContext } from './context.ts';
import type { CrudStore, ListQuery, Page, TenantTable } from './db/crud-store.ts';
import { FOREIGN_KEY_VIOLATION, pgErrorOf, UNIQUE_VIOLATION } from './db/pg-errors.ts';
import { DomainError, notFound, staleVersion } from './errors.ts';
import { newId } from './ids.ts';
import { inTransaction } from './transaction.ts';

/** The 409 of a delete that other records still point at. */
export function stillReferenced(label: string, detail: string): DomainError {
  return new DomainError(
    'conflict',
    `This ${label} is still referenced by other records; remove those references first.`,
    [{ path: 'id', message: detail }],
  );
}

export interface CrudRules<T extends TenantTable, C, U> {
  /** The audit entity type and the name users read in messages. */
  entity: string;
  label: string;
  /** Input → column values; may throw DomainError for rules zod cannot say. */
  toInsert: (ctx: RequestContext, input: C) => Omit<T['$inferInsert'], 'workspaceId' | 'id'>;
  toUpdate: (ctx: RequestContext, input: U, current: T['$inferSelect']) => Partial<T['$inferInsert']>;
  /** Runs in the creating transaction after the insert (e.g. the record enters its lifecycle). */
  afterInsert?: (tx: RequestContext, row: T['$inferSelect']) => Promise<void>;
  /** Runs in the deleting transaction before the delete: removes dependants, or refuses (throws). */
  beforeRemove?: (tx: RequestContext, row: T['$inferSelect']) => Promise<void>;
  /** Constraint name → the field it protects, for 409s and 400s that name the field. */
  constraintFields: Record<string, { path: string; message: string }>;
  /**
   * Record-level access: the policy resource, and the column holding the owner's user
   * id (null when records have no owner: only an `all` grant reaches them).
   */
  access: { resource: Resource; ownerKey: (keyof T['$inferSelect'] & string) | null };
}

/**
 * Create, update and delete with the rules every record shares: one transaction, an
 * audit row with before and after, optimistic versions, and database constraint
 * violations turned into errors that name the field.
 */
export function makeCrudUseCases<T extends TenantTable, C, U extends { version: number }>(
  store: CrudStore<T>,
  rules: CrudRules<T, C, U>,
) {
  type Row = T['$inferSelect'];
  const { resource, ownerKey } = rules.access;
  const owner = ownerKey ? (getTableColumns(store.table)[ownerKey] as AnyPgColumn) : null;
  const readScope = (ctx: RequestContext) => recordScope(ctx, resource, 'read', owner);
  const writeScope = (ctx: RequestContext) => recordScope(ctx, resource, 'write', owner);

  /**
   * Loads records to change, locked in id order: each is its row, or the error a single
   * load gives (404 when the actor cannot see it, 403 when it can see but not change it).
   */
  async function loadForWriteMany(tx: RequestContext, ids: string[]) {
    const write = await writeScope(tx);
    const unique = [...new Set(ids)].sort();
    const found = new Map(
      (await store.getMany(tx, unique, await readScope(tx), true)).map((r) => [r.id as string, r]),
    );
    const writable = write
      ? new Set((await store.getMany(tx, [...found.keys()], write)).map((r) => r.id as string))
      : null;
    const out = new Map<string, Row | DomainError>();
    for (const id of unique) {
      const current = found.get(id);
      out.set(
        id,
        !current
          ? notFound(rules.label, id)
          : writable && !writable.has(id)
            ? cannotChange(tx, resource, `this ${rules.label.toLowerCase()}`)
            : current,
      );
    }
    return { rows: out, write };
  }

  /** loadForWriteMany of one record, throwing its error. */
  async function loadForWrite(tx: RequestContext, id: string) {
    const { rows, write } = await loadForWriteMany(tx, [id]);
    const current = rows.get(id)!;
    if (current instanceof DomainError) throw current;
    return { current, write };
  }

  /** After a write, the record must still be one the actor may change (no giving records away). */
  async function assertStillWritable(tx: RequestContext, id: string, write: SQL | undefined) {
    if (write && !(await store.get(tx, id, write))) {
      throw cannotChange(
        tx,
        resource,
        `a ${rules.label.toLowerCase()} owned by someone outside your scope (${ownerKey})`,
      );
    }
  }

  function translate(err: unknown): unknown {
    const pgError = pgErrorOf(err);
    if (!pgError) return err;
    const field = pgError.constraint ? rules.constraintFields[pgError.constraint] : undefined;
    if (pgError.code === UNIQUE_VIOLATION) {
      return new DomainError(
        'conflict',
        `Another ${rules.label.toLowerCase()} already has this value: ${field?.message ?? pgError.detail ?? ''}`,
        [{ path: field?.path ?? 'body', message: field?.message ?? 'duplicate value' }],
      );
    }
    if (pgError.code === FOREIGN_KEY_VIOLATION) {
      if (field) return new DomainError('invalid_input', `${field.path}: ${field.message}`, [field]);
      return stillReferenced(rules.label.toLowerCase(), pgError.detail ?? 'still referenced');
    }
    return err;
  }

  async function guarded<R>(work: () => Promise<R>): Promise<R> {
    try {
      return await work();
    } catch (err) {
      throw translate(err);
    }
  }

  return {
    list: async (ctx: RequestContext, query: ListQuery): Promise<Page<Row>> =>
      store.list(ctx, { ...query, scope: await readScope(ctx) }),

    async get(ctx: RequestContext, id: string): Promise<Row> {
      const row = await store.get(ctx, id, await readScope(ctx));
      if (!row) throw notFound(rules.label, id);
      return row;
    },

    /**
     * Locks a record the actor may change, for use cases of other slices that change it
     * (consents, transitions): 404 when out of sight, 403 when read-only to the actor.
     * Call inside the caller's transaction.
     */
    async getWritable(tx: RequestContext, id: string): Promise<Row> {
      return (await loadForWrite(tx, id)).current;
    },

    /** getWritable of many records at once: each id's row, or the error getWritable would throw. */
    async getWritableMany(tx: RequestContext, ids: string[]): Promise<Map<string, Row | DomainError>> {
      return (await loadForWriteMany(tx, ids)).rows;
    },

    create: (ctx: RequestContext, input: C): Promise<Row> =>
      guarded(() =>
        inTransaction(ctx, async (tx) => {
          const write = await writeScope(tx);
          const values: Record<string, unknown> = { id: newId(tx), ...rules.toInsert(tx, input) };
          // A record a rep creates is theirs unless they name another owner.
          if (ownerKey && values[ownerKey] === undefined && write && tx.actor.userId)
            values[ownerKey] = tx.actor.userId;
          const row = await store.insert(tx, values as never);
          await rules.afterInsert?.(tx, row);
          await assertStillWritable(tx, row.id as string, write);
          await appendAudit(tx, {
            action: `${rules.entity}.create`,
            entityType: rules.entity,
            entityId: row.id as string,
            after: row,
          });
          return row;
        }),
      ),

    update: (ctx: RequestContext, id: string, input: U): Promise<Row> =>
      guarded(() =>
        inTransaction(ctx, async (tx) => {
          const { current, write } = await loadForWrite(tx, id);
          const row = await store.update(tx, id, input.version, rules.toUpdate(tx, input, current));
          if (!row) throw staleVersion(rules.label, id, input.version, current.version as number);
          await assertStillWritable(tx, id, write);
          await appendAudit(tx, {
            action: `${rules.entity}.update`,
            entityType: rules.entity,
            entityId: id,
            before: current,
            after: row,
          });
          return row;
        }),
      ),

    remove: (ctx: RequestContext, id: string, version: number): Promise<void> =>
      guarded(() =>
        inTransaction(ctx, async (tx) => {
          const { current } = await loadForWrite(tx, id);
          await rules.beforeRemove?.(tx, current);
          if (!(await store.remove(tx, id, version)))
            throw staleVersion(rules.label, id, version, current.version as number);
          await appendAudit(tx, {
            action: `${rules.entity}.delete`,
            entityType: rules.entity,
            entityId: id,
            before: current,
          });
        }),
      ),
  };
}
