/**
 * The raw COPY rate of bench/ingest.ts: rows like the benchmark's events, loaded with
 * `COPY … FROM STDIN` (PostgreSQL, through pg-copy-streams) or `COPY … FROM '/dev/blob'`
 * (PGlite's way to feed COPY), into the same table with its indexes: the bulk-load
 * yardstick beside which the tracking endpoint's rate (HTTP, scoring, MQL) is read.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { Pool } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database } from '../src/platform/db/open-database.ts';
import { queryRows } from '../src/platform/db/query-rows.ts';

export interface CopyRow {
  id: string;
  key: string;
  type: string;
  properties: Record<string, string>;
}

const COLUMNS = 'workspace_id, id, idempotency_key, type, occurred_at, received_at, properties';
const CHUNK = 5000;

/** A CSV field: quoted, with quotes doubled (the JSON properties hold quotes and commas). */
const field = (value: string) => `"${value.replaceAll('"', '""')}"`;

/** Loads the rows with COPY in chunks of 5,000 (as the unnest insert does); returns rows/s. */
export async function copyRate(database: Database, workspaceId: string, rows: CopyRow[]): Promise<number> {
  const at = new Date().toISOString();
  const line = (r: CopyRow) =>
    [workspaceId, r.id, field(r.key), field(r.type), at, at, field(JSON.stringify(r.properties))].join(',');
  const chunks: string[] = [];
  for (let i = 0; i < rows.length; i += CHUNK)
    chunks.push(
      `${rows
        .slice(i, i + CHUNK)
        .map(line)
        .join('\n')}\n`,
    );
  // Drizzle keeps the driver's client as `$client` (the pool, or PGlite behind its wrapper).
  const client = (database.db as unknown as { $client: Pool | PGlite }).$client;
  const started = performance.now();
  if (database.kind === 'postgres') {
    const connection = await (client as Pool).connect();
    try {
      for (const chunk of chunks)
        await pipeline(
          Readable.from([chunk]),
          connection.query(copyFrom(`copy events (${COLUMNS}) from stdin (format csv)`)),
        );
    } finally {
      connection.release();
    }
  } else {
    for (const chunk of chunks)
      await (client as PGlite).query(`copy events (${COLUMNS}) from '/dev/blob' (format csv)`, [], {
        blob: new Blob([chunk]),
      });
  }
  const seconds = (performance.now() - started) / 1000;
  const [loaded] = await queryRows<{ n: number }>(
    database.db,
    sql`select count(*)::int as n from events where workspace_id = ${workspaceId} and id = any(${sql.param(rows.map((r) => r.id))}::uuid[])`,
  );
  if (loaded?.n !== rows.length) throw new Error(`COPY loaded ${loaded?.n} of ${rows.length} rows`);
  return rows.length / seconds;
}
