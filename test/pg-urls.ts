export const TEMPLATE_DB = 'baton_test_template';

/** The same server as `url`, another database. */
export function adminUrl(url: string, database?: string): string {
  const u = new URL(url);
  if (database) u.pathname = `/${database}`;
  return u.toString();
}
