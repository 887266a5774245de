import { getRandomValues } from 'node:crypto';
import { v7 } from 'uuid';

// Random bytes drawn 4 KiB at a time: asking the system for 16 bytes per id was most of
// an id's cost (~3 µs), and an import makes several ids per row.
const pool = new Uint8Array(4096);
let used = pool.length;

/**
 * A time-ordered id (UUID version 7) for rows of the high-volume, append-mostly tables
 * (events, stage history, imported people): consecutive inserts land at the right edge
 * of the primary-key index, whose recent pages stay cached, instead of on random pages
 * of an index that outgrows the buffer cache. Ids of the same millisecond are in random
 * order among themselves (74 random bits each), which keeps them on the same index pages.
 */
export function timeOrderedId(): string {
  if (used === pool.length) {
    getRandomValues(pool);
    used = 0;
  }
  const random = pool.subarray(used, used + 16);
  used += 16;
  return v7({ random });
}
