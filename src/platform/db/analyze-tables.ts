import { sql } from 'drizzle-orm';
import type { Db } from './open-database.ts';

/** A table name as a quoted SQL identifier. */
export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * ANALYZE of Baton's own tables (schema public) with `statisticsTarget` as the sample
 * size: a bulk writer refreshing its plans as tables grow (the demo) has no use for new
 * statistics of PostgreSQL's catalogs, a quarter of what a bare ANALYZE reads.
 */
export async function analyzeOwnTables(db: Db, statisticsTarget: number): Promise<void> {
  await db.transaction(async (tx) => {
    const { rows } = (await tx.execute(
      sql`select relname as name from pg_class where relnamespace = 'public'::regnamespace and relkind = 'r'
          order by relname`,
    )) as unknown as { rows: { name: string }[] };
    if (rows.length === 0) return;
    await tx.execute(sql.raw(`set local default_statistics_target = ${Math.trunc(statisticsTarget)}`));
    await tx.execute(sql.raw(`analyze ${rows.map((r) => quoteIdent(r.name)).join(', ')}`));
  });
}
