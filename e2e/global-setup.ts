import { ADMIN } from './baton.ts';
import { startBaton } from './start-baton.ts';

/** One Baton server for all journeys; its URL reaches the workers through the environment. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const baton = await startBaton({
    people: 300,
    adminPassword: ADMIN.password,
    postgresUrl: process.env.TEST_DATABASE_URL,
  });
  process.env.BATON_E2E_URL = baton.url;
  return baton.stop;
}
