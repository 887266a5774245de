import { DataDirLockedError } from '../platform/db/lock.ts';
import { type Database, openDatabase } from '../platform/db/open-database.ts';
import { type DataConfig, dataConfig } from './config.ts';

/** Exits with a message a person can act on, never a stack trace. */
export function fail(message: string): never {
  process.stderr.write(`baton: ${message}\n`);
  process.exit(1);
}

/** Opens the configured database (migrated), turning known failures into clear exits. */
export async function openConfigured(options: {
  dataDir?: string;
}): Promise<{ database: Database; config: DataConfig }> {
  const config = dataConfig(options);
  try {
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    return { database, config };
  } catch (err) {
    if (err instanceof DataDirLockedError) fail(err.message);
    if (config.databaseUrl)
      fail(`cannot use the PostgreSQL database in DATABASE_URL: ${(err as Error).message}`);
    throw err;
  }
}

/** Runs a command against the database and always closes it (releasing the data-directory lock). */
export async function withDatabase<T>(
  options: { dataDir?: string },
  work: (database: Database) => Promise<T>,
): Promise<T> {
  const { database } = await openConfigured(options);
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}
