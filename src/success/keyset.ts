import { type SQL, sql } from 'drizzle-orm';
import { decodeCursor, encodeCursor } from '../platform/db/cursor.ts';
import { DomainError } from '../platform/errors.ts';

/** A sort key of a hand-written list: a never-null expression over the row alias `x`, and its type. */
export interface SortKey {
  expr: string;
  cast: 'text' | 'int' | 'bigint' | 'date' | 'timestamptz';
}

export interface KeysetQuery {
  limit: number;
  cursor?: string | undefined;
  sort: string;
  q?: string | undefined;
}

export interface Keyset {
  /** `where (key, id) > (cursor)`, or nothing on the first page. */
  after: SQL;
  /** `order by key, id limit n+1`. */
  limited: SQL;
  /** The same order without the limit, for an outer query that joins details onto the page. */
  order: SQL;
  /** The sort key as text, selected as `_sortKey` for the next cursor. */
  sortKey: SQL;
}

const VALID: Record<SortKey['cast'], (v: string) => boolean> = {
  text: () => true,
  int: (v) => /^-?\d{1,9}$/.test(v),
  bigint: (v) => /^-?\d{1,18}$/.test(v),
  date: (v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)),
  timestamptz: (v) => /^\d{4}-\d{2}-\d{2}[ T][\d:.]+([+-]\d{2}(:?\d{2})?|Z)?$/.test(v) && isTime(v),
};

function isTime(value: string): boolean {
  try {
    return isoTime(value) !== null;
  } catch {
    return false;
  }
}

export const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Keyset pagination over rows aliased `x` with an `id` column, from a sort name (`-` in
 * front for descending): stable under inserts, and as cheap on page 100 as on page 1.
 */
export function keyset(keys: Record<string, SortKey>, query: KeysetQuery): Keyset {
  const descending = query.sort.startsWith('-');
  const name = descending ? query.sort.slice(1) : query.sort;
  const key = keys[name];
  if (!key)
    throw new DomainError('invalid_input', `Cannot sort by "${name}".`, [
      { path: 'sort', message: `use one of: ${Object.keys(keys).join(', ')} (prefix - for descending)` },
    ]);
  const dir = sql.raw(descending ? 'desc' : 'asc');
  const expr = sql.raw(key.expr);
  let after = sql``;
  if (query.cursor) {
    const [value, id] = decodeCursor(query.cursor);
    if (!VALID[key.cast](value))
      throw new DomainError('invalid_input', 'The cursor does not belong to this sort.', [
        { path: 'cursor', message: 'pass the nextCursor of the previous page with the same sort' },
      ]);
    const cmp = sql.raw(descending ? '<' : '>');
    after = sql`where (${expr}, x.id) ${cmp} (${value}::${sql.raw(key.cast)}, ${id}::uuid)`;
  }
  const order = sql`order by ${expr} ${dir}, x.id ${dir}`;
  return {
    after,
    order,
    limited: sql`${order} limit ${query.limit + 1}`,
    sortKey: sql`(${expr})::text as "_sortKey"`,
  };
}

/**
 * A timestamp of a raw query as ISO 8601: PGlite answers `2026-11-20 06:00:00+00`, `pg` a
 * Date; the API answers `2026-11-20T06:00:00.000Z` either way, like its other routes.
 */
export function isoTime(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  const text = String(value).replace(' ', 'T');
  return new Date(/[+-]\d{2}$/.test(text) ? `${text}:00` : text).toISOString();
}

/**
 * The page of `limit` rows and the cursor of the next one (null on the last page), with
 * the named timestamp fields in ISO 8601.
 */
export function toPage<T extends { id: string; _sortKey: string }>(
  rows: T[],
  limit: number,
  timestamps: readonly (keyof T & string)[] = [],
) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items: items.map(({ _sortKey, ...row }) => {
      const out: Record<string, unknown> = row;
      for (const key of timestamps) out[key] = isoTime(out[key]);
      return row;
    }),
    nextCursor: rows.length > limit && last ? encodeCursor([last._sortKey, last.id]) : null,
  };
}
