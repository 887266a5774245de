import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/platform/db/open-database.ts';
import { adminUrl, databasePrefix, templateName } from './pg-urls.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgRunId: string;
  }
}

/**
 * On PostgreSQL, migrate one template database once per run; every test file then gets
 * a fresh database copied from it (CREATE DATABASE … TEMPLATE), which is fast.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const runId = randomBytes(4).toString('hex');
  project.provide('pgRunId', runId);
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return async () => {};
  const admin = new pg.Client({ connectionString: adminUrl(url) });
  await admin.connect();
  await admin.query(`create database ${templateName(runId)}`);
  await admin.end();
  const db = await openDatabase({ databaseUrl: adminUrl(url, templateName(runId)) });
  await db.close();
  return async () => {
    const cleanup = new pg.Client({ connectionString: adminUrl(url) });
    await cleanup.connect();
    const { rows } = await cleanup.query<{ datname: string }>(
      'select datname from pg_database where datname like $1',
      [`${databasePrefix(runId)}%`],
    );
    for (const { datname } of rows) await cleanup.query(`drop database if exists ${datname} with (force)`);
    await cleanup.end();
  };
}
