import type { PGlite } from '@electric-sql/pglite';
import { type FsNode, nodeFsOf } from './pglite-node-fs.ts';

const SEEK_END = 2;

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
