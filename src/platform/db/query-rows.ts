import type { SQL } from 'drizzle-orm';
import type { PgDialect } from 'drizzle-orm/pg-core';
import { arraysAsLiterals } from './array-literal.ts';
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

/**
 * Runs raw SQL and returns its rows, the same shape on PGlite and `pg`. Array parameters
 * are sent as their literal text (array-literal.ts): what either driver would send, for a
 * fraction of the garbage.
 */
export async function queryRows<T extends Record<string, unknown>>(
  db: Db,
  query: SQL,
  options: QueryOptions = {},
): Promise<T[]> {
  // db.execute()'s own two steps, with the parameters converted and, if prepared, a name.
  const { dialect } = db as unknown as { dialect: PgDialect };
  const built = dialect.sqlToQuery(query);
  const prepared = db._.session.prepareQuery(
    { ...built, params: arraysAsLiterals(built.params) },
    undefined,
    options.prepared ? statementName(built.sql) : undefined,
    false,
  );
  const result = (await prepared.execute()) as unknown as { rows: T[] };
  return result.rows;
}
