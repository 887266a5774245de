import { z } from 'zod';
import type { ListQuery } from '../db/crud-store.ts';

/** Query parameters every list accepts: cursor pagination, sort, text search. */
export const listQueryBase = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
  sort: z.string().max(40).optional(),
  q: z.string().trim().max(200).optional(),
};

/** A list's querystring schema: the base plus the resource's equality filters. */
export function listQuerySchema<F extends z.ZodRawShape>(filters: F) {
  return z.strictObject({ ...listQueryBase, ...filters });
}

export function toListQuery(query: Record<string, unknown>, defaultSort: string): ListQuery {
  const { limit, cursor, sort, q, ...filters } = query as {
    limit: number;
    cursor?: string;
    sort?: string;
    q?: string;
  } & Record<string, string | undefined>;
  return { limit, cursor, sort: sort ?? defaultSort, q: q || undefined, filters };
}

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
