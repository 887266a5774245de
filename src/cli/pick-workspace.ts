import { type RequestContext, systemContext } from '../platform/context.ts';
import type { Db } from '../platform/db/open-database.ts';
import { getWorkspaceBySlug, listWorkspaces } from '../workspace/store.ts';
import { fail } from './with-database.ts';

/** The workspace a CLI command acts on: `--workspace SLUG`, or the only (first) one. */
export async function pickWorkspace(db: Db, slug: string | undefined): Promise<RequestContext> {
  if (slug) {
    const ws = await getWorkspaceBySlug(db, slug);
    if (!ws) fail(`no workspace with the slug "${slug}"; list them with \`baton workspaces\``);
    return systemContext(db, ws.id, 'cli');
  }
  const all = await listWorkspaces(db);
  if (all.length === 0) fail('there is no workspace yet; run `baton start` or `baton demo` first');
  return systemContext(db, all[0]!.id, 'cli');
}
