import { getTableColumns, getTableName, sql } from 'drizzle-orm';
import { toSnakeCase } from 'drizzle-orm/casing';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { arrayParam } from './array-param.ts';
import type { Db } from './open-database.ts';
import { queryRows } from './query-rows.ts';

/**
 * Inserts many rows with one `INSERT … SELECT FROM unnest(array, array, …)` per chunk:
 * one parameter per column instead of one per value, and no per-value work in the ORM;
 * each column a binary array where its type allows (array-param.ts), which the database
 * copies instead of parsing.
 * Used where volume matters (demo history, imports). Columns absent from the first row
 * take their defaults. Returns the number of rows the database inserted.
 */
export async function bulkInsert<T extends PgTable>(
  db: Db,
  table: T,
  rows: T['$inferInsert'][],
  options: {
    chunkSize?: number;
    onConflictDoNothing?: boolean;
    /** Values of every row (the workspace id), sent once instead of copied into each row. */
    constants?: Partial<T['$inferInsert']>;
  } = {},
): Promise<number> {
  if (rows.length === 0) return 0;
  const all = getTableColumns(table) as Record<string, PgColumn>;
  const constants = Object.entries(options.constants ?? {}).filter(([k]) => all[k]);
  const fixed = new Set(constants.map(([k]) => k));
  const keys = Object.keys(rows[0]!).filter((k) => all[k] && !fixed.has(k));
  const columns = keys.map((k) => all[k]!);
  const types = columns.map((c) => c.getSQLType());
  // The statement around the arrays is the same for every chunk.
  const select = sql.join(
    [
      ...types.map((_, i) => sql.raw(`c${i}`)),
      ...constants.map(([k, value]) => sql`${value}::${sql.raw(all[k]!.getSQLType())}`),
    ],
    sql`, `,
  );
  // Columns are declared without names (casing: snake_case), so map keys the way drizzle does.
  const names = sql.raw(
    [...columns, ...constants.map(([k]) => all[k]!)]
      .map((c) => `"${c.keyAsName ? toSnakeCase(c.name) : c.name}"`)
      .join(', '),
  );
  const aliases = sql.raw(columns.map((_, i) => `c${i}`).join(', '));
  const conflict = options.onConflictDoNothing ? sql` on conflict do nothing` : sql``;
  const chunkSize = options.chunkSize ?? 5000;
  let inserted = 0;
  for (let start = 0; start < rows.length; start += chunkSize) {
    const chunk = rows.slice(start, start + chunkSize) as Record<string, unknown>[];
    // One array per column, binary where the type allows (array-param.ts).
    const arrays = keys.map((key, i) =>
      arrayParam(
        chunk.map((row) => row[key]),
        types[i]!,
      ),
    );
    const result = (await db.execute(
      sql`insert into ${sql.raw(`"${getTableName(table)}"`)} (${names}) select ${select} from unnest(${sql.join(arrays, sql`, `)}) as t(${aliases})${conflict}`,
    )) as unknown as { rowCount?: number | null; affectedRows?: number };
    inserted += result.rowCount ?? result.affectedRows ?? 0;
  }
  return inserted;
}

/** Whether this connection may switch foreign-key triggers off (withTrustedReferences). */
export async function mayTrustReferences(db: Db): Promise<boolean> {
  const [row] = await queryRows<{ su: boolean }>(
    db,
    sql`select current_setting('is_superuser') = 'on' as su`,
  );
  return row?.su === true;
}

/**
 * Whether a transaction of this workspace may write with the foreign-key checks off
 * (mayTrustReferences); if so, the workspace row is locked FOR KEY SHARE first, as those
 * checks would lock it. Any other row the writes reference must be created by the
 * transaction or locked by the lookup that found it (`lockFound` in the crm store).
 */
export async function trustReferencesOfWorkspace(db: Db, workspaceId: string): Promise<boolean> {
  if (!(await mayTrustReferences(db))) return false;
  await db.execute(sql`select 1 from workspaces where id = ${workspaceId} for key share`);
  return true;
}

/**
 * Runs a loader's inserts of rows whose references it has just written itself, in the same
 * transaction, without re-checking each reference: the foreign-key triggers are off for
 * these statements only (`session_replication_role = replica`, as pg_restore does), and on
 * again before anything else runs. Constraints, defaults and indexes apply as usual. Only
 * a superuser may do this (PGlite's user, a local server's); `allowed` false runs `work` as is.
 * Call inside a transaction, around as much work as is safe: each switch makes PostgreSQL
 * re-plan every prepared statement of the session.
 */
export async function withTrustedReferences<T>(db: Db, allowed: boolean, work: () => Promise<T>): Promise<T> {
  if (!allowed) return work();
  await db.execute(sql`set local session_replication_role = replica`);
  // No finally: after an error the transaction is aborted, and its rollback resets the setting.
  const result = await work();
  await db.execute(sql`set local session_replication_role = origin`);
  return result;
}
