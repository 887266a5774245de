import { getRandomValues, randomUUID } from 'node:crypto';
import { v7 } from 'uuid';

/**
 * Where a context's new row ids come from. Live requests leave it unset and get random
 * ids; a seeded run (the demo) numbers them, so ties that a store breaks by id (two
 * reps with the same free capacity, two hand-offs opened in the same simulated minute)
 * fall the same way on every run and the same seed writes the same history.
 */
export type IdSource = () => string;

/** A new row id: random (version 4) unless the context numbers its ids. */
export function newId(ctx: { ids?: IdSource | undefined }): string {
  return ctx.ids ? ctx.ids() : randomUUID();
}

/** A new id for the high-volume tables: time-ordered (version 7) unless the context numbers its ids. */
export function newTimeOrderedId(ctx: { ids?: IdSource | undefined }): string {
  return ctx.ids ? ctx.ids() : timeOrderedId();
}

/**
 * Ids numbered in the order they are made, version-7 shaped: 8 random hex digits of the
 * run's own, so two numbered workspaces in one database do not share ids, then a 22-digit
 * counter. Increasing ids keep the right-edge index locality of time-ordered ids.
 */
export function numberedIds(): IdSource {
  const prefix = randomUUID().slice(0, 8);
  let n = 0;
  return () => {
    const h = (++n).toString(16).padStart(22, '0');
    return `${prefix}-${h.slice(0, 4)}-7${h.slice(4, 7)}-8${h.slice(7, 10)}-${h.slice(10)}`;
  };
}

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
