import { resolve } from 'node:path';

/** Where Baton keeps its data: PostgreSQL when DATABASE_URL is set, else PGlite in a directory. */
export interface DataConfig {
  databaseUrl: string | undefined;
  dataDir: string;
}

export function dataConfig(options: { dataDir?: string }): DataConfig {
  return {
    databaseUrl: process.env.DATABASE_URL || undefined,
    dataDir: resolve(options.dataDir ?? process.env.BATON_DATA_DIR ?? '.baton'),
  };
}
