/// <reference path="./pg-utils.d.ts" />
import { type PGlite, type QueryOptions, type Results, type Transaction, types } from '@electric-sql/pglite';
import { prepareValue } from 'pg/lib/utils.js';
import { arrayLiteral } from './array-literal.ts';
import { errorIn, readResult, statementMessage } from './pglite-wire.ts';

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

/** PGlite's own locks (public API only exposes them through `query` and `transaction`). */
interface Locks {
  _runExclusiveQuery<T>(fn: () => Promise<T>): Promise<T>;
  _runExclusiveTransaction<T>(fn: () => Promise<T>): Promise<T>;
}

type Client = Pick<Transaction, 'query'> & Pick<PGlite, 'transaction'>;

/**
 * The PGlite client drizzle is given. Its `query` sends each statement to PostgreSQL as
 * one extended-protocol exchange — parse, bind, describe, execute, sync in one buffer —
 * where PGlite's own `query` makes six calls into the database (it first asks for the
 * parameter types to pick its serializers) and merges a query's parsers into a copy of
 * its whole parser table each time: together ~100 µs a statement, more than a simple
 * indexed read. Parameters are serialized as node-postgres' own `prepareValue` does (arrays
 * by `arrayLiteral`, the same text for less garbage), so both drivers send the same text
 * for the same value. Drizzle's parsers are set once on the
 * client instead of passed with each query.
 */
export function drizzleClient(client: PGlite): PGlite {
  const identity = (value: string) => value;
  for (const oid of DRIZZLE_TEXT_TYPES) client.parsers[oid] = identity;
  const locks = client as unknown as Locks;
  const wrapped: Client = {
    query: (text, params, options) =>
      options?.blob
        ? client.query(text, params, options)
        : locks._runExclusiveTransaction(() => run(client, text, params, options, true)),
    transaction: <T>(fn: (tx: Transaction) => Promise<T>) =>
      client.transaction((tx) =>
        fn({
          ...tx,
          // `blob` is the input of `COPY … FROM '/dev/blob'` (bench/copy-rate.ts): PGlite's path.
          query: (text, params, options) =>
            tx.closed
              ? tx.query(text, params, options) // PGlite's "Transaction is closed" error
              : options?.blob
                ? tx.query(text, params, options)
                : run(client, text, params, options, false),
        } as Transaction),
      ),
  };
  return wrapped as unknown as PGlite;
}

function run<T>(
  client: PGlite,
  text: string,
  params: unknown[] | undefined,
  options: QueryOptions | undefined,
  syncToFs: boolean,
): Promise<Results<T>> {
  // Arrays by arrayLiteral: node-postgres' text, without its garbage (array-literal.ts).
  const values = (params ?? []).map((p) => (Array.isArray(p) ? arrayLiteral(p) : prepareValue(p)));
  // Inside the lock: the statement cache must follow the order the database runs them in.
  return (client as unknown as Locks)._runExclusiveQuery(async () => {
    const statements = statementsOf(client);
    const { name, parse, close } = statements.use(text);
    const chunks: Buffer[] = [];
    await client.execProtocolRawStream(statementMessage({ close, parse, name, text, values }), {
      syncToFs,
      // A view into PGlite's memory, valid during the call only.
      onRawData: (bytes) => chunks.push(Buffer.from(bytes)),
    });
    const response = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
    const result = readResult<T>(response, client.parsers, options?.rowMode);
    if (result) return result;
    // Whether a new statement's parse took place is unknown, and a known one may have been
    // deallocated by SQL: either way it is prepared afresh next time.
    statements.forget(text);
    throw errorIn(response);
  });
}

/**
 * The named statements prepared on one PGlite session, most recently used last. Parsing
 * and planning a statement cost more than running a simple one, and PGlite serves the
 * whole process from one session; the statements drizzle builds repeat exactly (values
 * travel as parameters). PostgreSQL plans them as any prepared statement: a custom plan
 * for the first five runs, then the generic one unless it is estimated to cost more.
 * Bounded, as a server can build statements whose text varies (lists of values).
 */
class PreparedStatements {
  static readonly LIMIT = 500;
  readonly #names = new Map<string, string>();
  #closing: string[] = [];
  #counter = 0;

  /** The statement's name, whether it must be parsed first, and statements to close before it. */
  use(text: string): { name: string; parse: boolean; close: string[] } {
    const close = this.#closing;
    this.#closing = [];
    let name = this.#names.get(text);
    if (name) {
      this.#names.delete(text);
      this.#names.set(text, name);
      return { name, parse: false, close };
    }
    name = `baton_${++this.#counter}`;
    this.#names.set(text, name);
    if (this.#names.size > PreparedStatements.LIMIT) {
      const [oldest, oldName] = this.#names.entries().next().value as [string, string];
      this.#names.delete(oldest);
      close.push(oldName);
    }
    return { name, parse: true, close };
  }

  forget(text: string): void {
    const name = this.#names.get(text);
    if (!name) return;
    this.#names.delete(text);
    // Closing a statement that was never prepared is not an error.
    this.#closing.push(name);
  }
}

const prepared = new WeakMap<PGlite, PreparedStatements>();

function statementsOf(client: PGlite): PreparedStatements {
  let statements = prepared.get(client);
  if (!statements) {
    statements = new PreparedStatements();
    prepared.set(client, statements);
  }
  return statements;
}
