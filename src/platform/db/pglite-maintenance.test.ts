import { PGlite } from '@electric-sql/pglite';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maintenanceDue, startMaintenance, type TableActivity } from './pglite-maintenance.ts';

describe('maintenanceDue (autovacuum thresholds)', () => {
  it('vacuums past 50 + 20 % dead rows, else analyzes past 50 + 10 % changed, else leaves the table', () => {
    const t = (rows: number, changed: number, dead: number): TableActivity => ({
      table: 't',
      rows,
      changedSinceAnalyze: changed,
      dead,
    });
    expect(maintenanceDue([t(1000, 151, 0)])).toEqual({ analyze: ['t'], vacuum: [] });
    expect(maintenanceDue([t(1000, 150, 250)])).toEqual({ analyze: [], vacuum: [] });
    expect(maintenanceDue([t(1000, 0, 251)])).toEqual({ analyze: [], vacuum: ['t'] });
    // Never analyzed (reltuples −1): the base thresholds alone.
    expect(maintenanceDue([t(-1, 51, 0)])).toEqual({ analyze: ['t'], vacuum: [] });
  });

  it('names each table at most once, and only tables past a threshold', () => {
    const activity = fc.record({
      table: fc.string({ minLength: 1 }),
      rows: fc.integer({ min: -1, max: 1e7 }),
      changedSinceAnalyze: fc.nat(2e6),
      dead: fc.nat(2e6),
    });
    fc.assert(
      fc.property(fc.uniqueArray(activity, { selector: (a) => a.table }), (tables) => {
        const { analyze, vacuum } = maintenanceDue(tables);
        expect(new Set([...analyze, ...vacuum]).size).toBe(analyze.length + vacuum.length);
        for (const a of tables) {
          const rows = Math.max(0, a.rows);
          const due = a.dead > 50 + 0.2 * rows || a.changedSinceAnalyze > 50 + 0.1 * rows;
          expect(analyze.includes(a.table) || vacuum.includes(a.table)).toBe(due);
        }
      }),
    );
  });
});

describe('startMaintenance', () => {
  it('analyzes a table that grew and vacuums one full of dead rows, then stops cleanly', async () => {
    const client = await PGlite.create();
    await client.exec(`create table grown (id int primary key); create table churned (id int primary key, v int);
      insert into churned select g, 0 from generate_series(1, 1000) g; analyze churned;`);
    await client.exec(`insert into grown select g from generate_series(1, 5000) g;
      update churned set v = 1; update churned set v = 2;`);
    const stop = startMaintenance(client, 50);
    const stats = async () =>
      (
        await client.query<{ relname: string; last_analyze: Date | null; n_dead_tup: number }>(
          `select relname, last_analyze, n_dead_tup::int from pg_stat_user_tables order by relname`,
        )
      ).rows;
    let rows = await stats();
    for (let i = 0; i < 100 && !(rows[1]!.last_analyze && rows[0]!.n_dead_tup === 0); i++) {
      await new Promise((r) => setTimeout(r, 100));
      rows = await stats();
    }
    expect(rows.map((r) => r.relname)).toEqual(['churned', 'grown']);
    expect(rows[1]!.last_analyze).not.toBeNull();
    expect(rows[0]!.n_dead_tup).toBe(0);
    const { rows: planned } = await client.query<{ reltuples: number }>(
      `select reltuples::float8 as reltuples from pg_class where relname = 'grown'`,
    );
    expect(planned[0]!.reltuples).toBe(5000);
    await stop();
    await client.close();
  });
});
