import type { PGlite } from '@electric-sql/pglite';

/** PGlite's data directory inside its Emscripten file system (PGlite.paths.PGDATA). */
const PGDATA = '/pglite/data';
const SEEK_END = 2;

export interface FsNode {
  mode: number;
  mount: { type: { stream_ops: StreamOps; node_ops: NodeOps } };
}
interface Stream {
  node: FsNode;
}
interface StreamOps {
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

/**
 * PostgreSQL asks a relation's size with lseek(SEEK_END) each time it plans a query or
 * extends a file, several times a statement, and Emscripten's Node file system answers
 * each with an fstat system call: a tenth of the embedded database's time on a write-heavy
 * load. The sizes are kept here instead, per file, from the writes and truncations that
 * change them. This process is the data directory's only writer (the lock file sees to
 * that), so every change to a size passes through these operations.
 */
export function cacheFileSizes(client: PGlite): void {
  const found = nodeFsOf(client);
  if (!found) return;
  const { fs, streamOps, nodeOps } = found;
  if ((streamOps as { sizesCached?: boolean }).sizesCached) return;
  (streamOps as { sizesCached?: boolean }).sizesCached = true;

  const sizes = new WeakMap<FsNode, number>();
  const { llseek, write, setattr: streamSetattr } = streamOps;
  const { setattr } = nodeOps;
  streamOps.llseek = (stream, offset, whence) => {
    if (whence !== SEEK_END || !fs.isFile(stream.node.mode)) return llseek(stream, offset, whence);
    let size = sizes.get(stream.node);
    if (size === undefined) {
      size = llseek(stream, 0, SEEK_END);
      sizes.set(stream.node, size);
    }
    // A negative position fails in the original, which checks it the same way.
    return offset + size < 0 ? llseek(stream, offset, whence) : offset + size;
  };
  streamOps.write = (stream, buffer, offset, length, position, canOwn) => {
    const written = write(stream, buffer, offset, length, position, canOwn);
    const size = sizes.get(stream.node);
    if (size !== undefined && position + written > size) sizes.set(stream.node, position + written);
    return written;
  };
  if (streamSetattr)
    streamOps.setattr = (stream, attr) => {
      sizes.delete(stream.node);
      streamSetattr(stream, attr);
    };
  nodeOps.setattr = (node, attr) => {
    sizes.delete(node);
    setattr(node, attr);
  };
}
