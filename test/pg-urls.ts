/** The same server as `url`, another database. */
export function adminUrl(url: string, database?: string): string {
  const u = new URL(url);
  if (database) u.pathname = `/${database}`;
  return u.toString();
}

/** Names of this run's databases carry the run id, so concurrent runs on one server never touch each other's. */
export const templateName = (runId: string) => `baton_test_${runId}_template`;
export const databasePrefix = (runId: string) => `baton_test_${runId}_`;
