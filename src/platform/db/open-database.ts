import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { acquireDataDirLock } from './lock.ts';
import { migrateDatabase } from './migrate.ts';
import { drizzleClient } from './pglite-client.ts';
import { cacheFileSizes } from './pglite-file-sizes.ts';
import { startMaintenance } from './pglite-maintenance.ts';
import { cacheMissingFiles } from './pglite-missing-files.ts';
import * as schema from './schema.ts';
import { INT8_OID, NUMERIC_OID, PGLITE_PARSERS, parseInt8, parseNumeric } from './type-parsers.ts';

export type Schema = typeof schema;
/** The query builder both drivers share; use cases and stores only see this. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Where the data lives, for messages: a directory or a redacted URL. */
  location: string;
  /**
   * Starts the upkeep autovacuum would do (PGlite only: a server has its own autovacuum).
   * For a long-running server, once its bulk start-up work (the demo) is done.
   */
  maintain(): void;
  close(): Promise<void>;
}

const oneConnection = new WeakSet<Db>();

/**
 * Whether this database runs one statement at a time for the whole process (PGlite: one
 * connection in this thread), so a second transaction only waits for the first.
 */
export function runsOneAtATime(db: Db): boolean {
  return oneConnection.has(db);
}

export interface OpenOptions {
  /** PostgreSQL connection string; when set, the embedded database is not used. */
  databaseUrl?: string | undefined;
  /** PGlite data directory (created with its parents on first start). */
  dataDir?: string | undefined;
  /** Apply pending migrations (default true). */
  migrate?: boolean;
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres';
  }
}

/** Opens PostgreSQL when a URL is given, otherwise the embedded PGlite under its lock. */
export async function openDatabase(options: OpenOptions): Promise<Database> {
  const database = options.databaseUrl
    ? await openPostgres(options.databaseUrl)
    : await openPglite(options.dataDir);
  if (options.migrate !== false) {
    try {
      await migrateDatabase(database);
    } catch (err) {
      await database.close();
      throw err;
    }
  }
  return database;
}

async function openPostgres(url: string): Promise<Database> {
  // Global on purpose: drizzle passes its own per-query parser that falls back to pg.types.
  pg.types.setTypeParser(INT8_OID, parseInt8);
  pg.types.setTypeParser(NUMERIC_OID, parseNumeric);
  const pool = new pg.Pool({
    connectionString: url,
    max: Number(process.env.BATON_PG_POOL ?? 10),
    // Keep connections: pg closes one idle for 10 s by default, and its replacement's
    // first statements run on a cold catalog cache (tens of ms) — a latency spike for
    // whichever request gets it when traffic rises again.
    idleTimeoutMillis: 0,
  });
  // A connection the server ends (restart, failover, an administrator) must not take the
  // process down: pg emits 'error' on a checked-out client between queries, and on the
  // pool for an idle one. The query that uses it fails and the pool replaces it.
  pool.on('error', () => {});
  pool.on('connect', (c) => c.on('error', () => {}));
  // Fail fast with the server's own message (refused, unknown database, auth).
  const client = await pool.connect();
  client.release();
  const db = drizzlePg({ client: pool, schema, casing: 'snake_case' }) as unknown as Db;
  return { db, kind: 'postgres', location: redact(url), maintain: () => {}, close: () => pool.end() };
}

async function openPglite(dataDir = '.baton'): Promise<Database> {
  const dir = resolve(dataDir);
  const lock = acquireDataDirLock(dir);
  try {
    const client = await PGlite.create({
      dataDir: resolve(dir, 'pgdata'),
      parsers: PGLITE_PARSERS,
    });
    cacheFileSizes(client);
    cacheMissingFiles(client);
    const db = drizzlePglite({
      client: drizzleClient(client),
      schema,
      casing: 'snake_case',
    }) as unknown as Db;
    oneConnection.add(db);
    let stopMaintenance = async () => {};
    return {
      db,
      kind: 'pglite',
      location: dir,
      maintain: () => {
        stopMaintenance = startMaintenance(client);
      },
      close: async () => {
        try {
          await stopMaintenance();
          await client.close();
        } finally {
          lock.release();
        }
      },
    };
  } catch (err) {
    lock.release();
    throw err;
  }
}
