import { ADMIN } from './baton.ts';
import { startBaton } from './start-baton.ts';

/**
 * One Baton server for all journeys; its URL reaches the workers through the environment.
 * With BATON_E2E_URL already set (a server started with the same admin password), the
 * journeys run against that server instead: quicker while writing a journey.
 */
export default async function globalSetup(): Promise<(() => Promise<void>) | undefined> {
  if (process.env.BATON_E2E_URL) return undefined;
  const baton = await startBaton({
    people: 300,
    adminPassword: ADMIN.password,
    postgresUrl: process.env.TEST_DATABASE_URL,
  });
  process.env.BATON_E2E_URL = baton.url;
  return baton.stop;
}
