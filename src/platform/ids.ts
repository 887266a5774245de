import { v7 } from 'uuid';

/**
 * A time-ordered id (UUID version 7) for rows of the high-volume, append-mostly tables
 * (events, stage history, imported people): consecutive inserts land at the right edge
 * of the primary-key index, whose recent pages stay cached, instead of on random pages
 * of an index that outgrows the buffer cache.
 */
export function timeOrderedId(): string {
  return v7();
}
