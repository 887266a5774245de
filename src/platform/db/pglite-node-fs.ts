import type { PGlite } from '@electric-sql/pglite';

/**
 * Emscripten's Node file system as PGlite mounts it: the operations the PGlite caches wrap
 * (pglite-file-sizes.ts, pglite-missing-files.ts), typed as far as they use them.
 */

/** PGlite's data directory inside its Emscripten file system (PGlite.paths.PGDATA). */
const PGDATA = '/pglite/data';

export interface FsNode {
  mode: number;
  mount: { type: { stream_ops: StreamOps; node_ops: NodeOps } };
}
interface Stream {
  node: FsNode;
}
export interface StreamOps {
  llseek(stream: Stream, offset: number, whence: number): number;
  write(
    stream: Stream,
    buffer: unknown,
    offset: number,
    length: number,
    position: number,
    canOwn?: boolean,
  ): number;
  setattr?(stream: Stream, attr: unknown): void;
}
export interface NodeOps {
  setattr(node: FsNode, attr: unknown): void;
  lookup(parent: FsNode, name: string): FsNode;
  mknod(parent: FsNode, name: string, mode: number, dev: number): FsNode;
  rename(node: FsNode, newDir: FsNode, newName: string): void;
  symlink(parent: FsNode, name: string, target: string): void;
}
export interface EmscriptenFs {
  lookupPath(path: string): { node: FsNode };
  isFile(mode: number): boolean;
  ErrnoError: new (errno: number) => Error & { errno: number };
}

/**
 * The operations of Emscripten's Node file system under PGlite's data directory, to wrap
 * (shared by every file and directory of the mount), or nothing when PGlite runs on
 * another file system (in memory, which keeps sizes and names itself) or layout.
 */
export function nodeFsOf(
  client: PGlite,
): { fs: EmscriptenFs; streamOps: StreamOps; nodeOps: NodeOps } | undefined {
  const fs = (client as unknown as { mod?: { FS?: EmscriptenFs } }).mod?.FS;
  let root: FsNode;
  try {
    root = fs!.lookupPath(PGDATA).node;
  } catch {
    return undefined;
  }
  const { stream_ops: streamOps, node_ops: nodeOps } = root.mount.type;
  if (!streamOps?.llseek || !streamOps.write || !nodeOps?.setattr || !nodeOps.lookup) return undefined;
  return { fs: fs!, streamOps, nodeOps };
}
