import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrateDatabase } from '../src/platform/db/migrate.ts';
import type { Db } from '../src/platform/db/open-database.ts';
import { drizzleClient } from '../src/platform/db/pglite-client.ts';
import * as schema from '../src/platform/db/schema.ts';
import { PGLITE_PARSERS } from '../src/platform/db/type-parsers.ts';

/** A migrated PGlite data directory, dumped (PGlite's clone() would drop our type parsers). */
export async function pgliteTemplate(): Promise<Blob> {
  const client = await PGlite.create({ parsers: PGLITE_PARSERS });
  const db = drizzle({ client: drizzleClient(client), schema, casing: 'snake_case' }) as unknown as Db;
  await migrateDatabase({
    db,
    kind: 'pglite',
    location: 'memory',
    maintain: () => {},
    close: async () => {},
  });
  const dump = await client.dumpDataDir('none');
  await client.close();
  return dump;
}
