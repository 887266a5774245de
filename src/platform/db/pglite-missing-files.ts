import type { PGlite } from '@electric-sql/pglite';
import { type FsNode, nodeFsOf } from './pglite-node-fs.ts';

/** Emscripten's errno for "no such file or directory". */
const ENOENT = 44;

/**
 * PostgreSQL keeps asking whether files exist that mostly do not yet: a relation's
 * free-space map at every B-tree page split, its visibility map on index-only reads, until
 * VACUUM first creates them. Emscripten's Node file system answers each question with a
 * failing `lstat` system call, Node's error object and Emscripten's own — ~26,000 times in
 * a demo. The names found missing are remembered per directory here until this process
 * creates them (`mknod`, `rename`, `symlink` are the only ways a name comes to exist, and
 * this process is the data directory's only writer: the lock file sees to that).
 */
export function cacheMissingFiles(client: PGlite): void {
  const found = nodeFsOf(client);
  if (!found) return;
  const { fs, nodeOps } = found;
  if ((nodeOps as { missingCached?: boolean }).missingCached) return;
  (nodeOps as { missingCached?: boolean }).missingCached = true;

  const missing = new WeakMap<FsNode, Set<string>>();
  // One error for every cached answer, as Emscripten's in-memory file system does: callers
  // only read its errno.
  let notFound: Error | undefined;
  const { lookup, mknod, rename, symlink } = nodeOps;
  nodeOps.lookup = (parent, name) => {
    const names = missing.get(parent);
    if (names?.has(name)) {
      notFound ??= new fs.ErrnoError(ENOENT);
      throw notFound;
    }
    try {
      return lookup(parent, name);
    } catch (err) {
      if ((err as { errno?: number }).errno === ENOENT) {
        if (names) names.add(name);
        else missing.set(parent, new Set([name]));
      }
      throw err;
    }
  };
  const created = (parent: FsNode, name: string) => missing.get(parent)?.delete(name);
  nodeOps.mknod = (parent, name, mode, dev) => {
    created(parent, name);
    return mknod(parent, name, mode, dev);
  };
  nodeOps.rename = (node, newDir, newName) => {
    created(newDir, newName);
    rename(node, newDir, newName);
  };
  nodeOps.symlink = (parent, name, target) => {
    created(parent, name);
    symlink(parent, name, target);
  };
}
