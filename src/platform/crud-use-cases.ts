import { randomUUID } from 'node:crypto';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import { appendAudit } from './audit/store.ts';
import type { RequestContext } from './context.ts';
import type { CrudStore, ListQuery, Page } from './db/crud-store.ts';
import { FOREIGN_KEY_VIOLATION, pgErrorOf, UNIQUE_VIOLATION } from './db/pg-errors.ts';
import { DomainError, notFound, staleVersion } from './errors.ts';
import { inTransaction } from './transaction.ts';

type TenantTable = PgTable & { workspaceId: AnyPgColumn; id: AnyPgColumn; version: AnyPgColumn };

export interface CrudRules<T extends TenantTable, C, U> {
  /** The audit entity type and the name users read in messages. */
  entity: string;
  label: string;
  /** Input → column values; may throw DomainError for rules zod cannot say. */
  toInsert: (ctx: RequestContext, input: C) => Omit<T['$inferInsert'], 'workspaceId' | 'id'>;
  toUpdate: (ctx: RequestContext, input: U, current: T['$inferSelect']) => Partial<T['$inferInsert']>;
  /** Runs in the creating transaction after the insert (e.g. the record enters its lifecycle). */
  afterInsert?: (tx: RequestContext, row: T['$inferSelect']) => Promise<void>;
  /** Constraint name → the field it protects, for 409s and 400s that name the field. */
  constraintFields: Record<string, { path: string; message: string }>;
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
      return new DomainError(
        'conflict',
        `This ${rules.label.toLowerCase()} is still referenced by other records; remove those references first.`,
        [{ path: 'id', message: pgError.detail ?? 'still referenced' }],
      );
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
    list: (ctx: RequestContext, query: ListQuery): Promise<Page<Row>> => store.list(ctx, query),

    async get(ctx: RequestContext, id: string): Promise<Row> {
      const row = await store.get(ctx, id);
      if (!row) throw notFound(rules.label, id);
      return row;
    },

    create: (ctx: RequestContext, input: C): Promise<Row> =>
      guarded(() =>
        inTransaction(ctx, async (tx) => {
          const row = await store.insert(tx, { id: randomUUID(), ...rules.toInsert(tx, input) } as never);
          await rules.afterInsert?.(tx, row);
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
          const current = await store.get(tx, id);
          if (!current) throw notFound(rules.label, id);
          const row = await store.update(tx, id, input.version, rules.toUpdate(tx, input, current));
          if (!row) throw staleVersion(rules.label, id, input.version, current.version as number);
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
          const current = await store.getForUpdate(tx, id);
          if (!current) throw notFound(rules.label, id);
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
