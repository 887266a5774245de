import type { SQL } from 'drizzle-orm';
import type { Db } from './open-database.ts';

/** Runs raw SQL and returns its rows, the same shape on PGlite and `pg`. */
export async function queryRows<T extends Record<string, unknown>>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
