import type { SQL } from 'drizzle-orm';
import type { PgDialect } from 'drizzle-orm/pg-core';
import type { Db } from './open-database.ts';

export interface QueryOptions {
  /**
   * A hot statement (run many times a second, e.g. by tracking): on PostgreSQL it is
   * prepared once per connection under a name and its plan cached, so later runs skip
   * parsing and, once PostgreSQL settles on a generic plan, planning. PGlite ignores it.
   */
  prepared?: boolean;
}

/** Statement names by SQL text: one name per distinct text, the same on every connection. */
const statementNames = new Map<string, string>();

function statementName(text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    name = `baton_${statementNames.size + 1}`;
    statementNames.set(text, name);
  }
  return name;
}

/** Runs raw SQL and returns its rows, the same shape on PGlite and `pg`. */
export async function queryRows<T extends Record<string, unknown>>(
  db: Db,
  query: SQL,
  options: QueryOptions = {},
): Promise<T[]> {
  if (!options.prepared) {
    const result = (await db.execute(query)) as unknown as { rows: T[] };
    return result.rows;
  }
  // db.execute() has no way to name a statement; its own two steps, with a name.
  const { dialect } = db as unknown as { dialect: PgDialect };
  const built = dialect.sqlToQuery(query);
  const prepared = db._.session.prepareQuery(built, undefined, statementName(built.sql), false);
  const result = (await prepared.execute()) as unknown as { rows: T[] };
  return result.rows;
}
