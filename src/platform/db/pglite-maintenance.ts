import type { PGlite } from '@electric-sql/pglite';
import { quoteIdent } from './analyze-tables.ts';

/**
 * PostgreSQL's autovacuum thresholds (autovacuum_*_threshold and *_scale_factor defaults):
 * a table is analyzed once 50 + 10 % of its rows changed, vacuumed once 50 + 20 % are dead.
 */
export const ANALYZE_BASE = 50;
export const ANALYZE_SCALE = 0.1;
export const VACUUM_BASE = 50;
export const VACUUM_SCALE = 0.2;

export interface TableActivity {
  table: string;
  /** Rows per the last statistics (pg_class.reltuples; negative when never analyzed). */
  rows: number;
  changedSinceAnalyze: number;
  dead: number;
}

/** What autovacuum would do to these tables now. Pure, for the tests. */
export function maintenanceDue(tables: TableActivity[]): { analyze: string[]; vacuum: string[] } {
  const analyze: string[] = [];
  const vacuum: string[] = [];
  for (const t of tables) {
    const rows = Math.max(0, t.rows);
    if (t.dead > VACUUM_BASE + VACUUM_SCALE * rows) vacuum.push(t.table);
    else if (t.changedSinceAnalyze > ANALYZE_BASE + ANALYZE_SCALE * rows) analyze.push(t.table);
  }
  return { analyze, vacuum };
}

/**
 * PGlite runs no autovacuum: without it a long-running server keeps the statistics of the
 * day it started (plans, foreign-key checks included, made for empty tables scan them) and
 * dead row versions pile up. This does autovacuum's job from inside the process: every
 * `intervalMs` it reads the tables' activity and runs VACUUM ANALYZE or ANALYZE where
 * PostgreSQL's default thresholds are crossed. PGlite runs one statement at a time and
 * never inside another caller's transaction, so the work waits its turn. Returns the stop
 * function, which waits for a round in progress.
 */
export function startMaintenance(client: PGlite, intervalMs = 15_000): () => Promise<void> {
  let running: Promise<void> | null = null;
  const round = async () => {
    const { rows } = await client.query<{
      table: string;
      rows: number;
      changed: number;
      dead: number;
    }>(
      `select s.relname as table, c.reltuples::float8 as rows, s.n_mod_since_analyze::float8 as changed,
              s.n_dead_tup::float8 as dead
       from pg_stat_user_tables s join pg_class c on c.oid = s.relid where s.schemaname = 'public'`,
    );
    const due = maintenanceDue(rows.map((r) => ({ ...r, changedSinceAnalyze: r.changed })));
    for (const table of due.vacuum) await client.exec(`vacuum (analyze) ${quoteIdent(table)}`);
    if (due.analyze.length) await client.exec(`analyze ${due.analyze.map(quoteIdent).join(', ')}`);
  };
  const timer = setInterval(() => {
    if (running || client.closed) return;
    running = round()
      .catch(() => {}) // the next round tries again; a closing database ends the loop
      .finally(() => {
        running = null;
      });
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
