import { type PGlite, type QueryOptions, type Transaction, types } from '@electric-sql/pglite';

/**
 * The types drizzle reads as text (it parses dates itself), with their arrays; drizzle
 * passes these same parsers with every query.
 */
const DRIZZLE_TEXT_TYPES = [
  types.TIMESTAMP,
  types.TIMESTAMPTZ,
  types.INTERVAL,
  types.DATE,
  1231,
  1115,
  1185,
  1187,
  1182,
];

type Queryable = Pick<Transaction, 'query'>;
type Client = Queryable & { transaction?: PGlite['transaction'] };

/**
 * The PGlite client drizzle is given. PGlite merges a query's own parsers into a copy of
 * its whole parser table (several hundred types) on every query, which cost ~100 µs a
 * statement, more than a simple indexed read. Drizzle's parsers are set once on the
 * client instead, and each query goes without them.
 */
export function drizzleClient(client: PGlite): PGlite {
  const identity = (value: string) => value;
  for (const oid of DRIZZLE_TEXT_TYPES) client.parsers[oid] = identity;
  return withoutQueryParsers(client) as PGlite;
}

function withoutQueryParsers(client: Client): Client {
  return {
    query: (text: string, params?: unknown[], options?: QueryOptions) =>
      // `blob` is the input of `COPY … FROM '/dev/blob'` (bench/copy-rate.ts).
      client.query(text, params, options && { rowMode: options.rowMode, blob: options.blob }),
    ...(client.transaction && {
      transaction: <T>(fn: (tx: Transaction) => Promise<T>) =>
        client.transaction!((tx) => fn(withoutQueryParsers(tx) as Transaction)),
    }),
  };
}
