import { protocol, type Results } from '@electric-sql/pglite';

/**
 * The PostgreSQL wire messages of one statement, and the reading of its response, for
 * the PGlite client (pglite-client.ts). PGlite's protocol library grows its write buffer
 * from 256 bytes and copies each message several times, measures every string's UTF-8
 * length in JavaScript, and slices a fresh ArrayBuffer for every field it reads; these
 * work on Node's buffers instead, sized once.
 */

type Value = string | Buffer | null;

const DESCRIBE_PORTAL = Buffer.from([0x44, 0, 0, 0, 6, 0x50, 0]);
const EXECUTE_ALL = Buffer.from([0x45, 0, 0, 0, 9, 0, 0, 0, 0, 0]);
const SYNC = Buffer.from([0x53, 0, 0, 0, 4]);

/**
 * Close the named statements in `close`, parse `text` as `name` when `parse` is set, then
 * bind `values` to `name` (strings as text, buffers as binary), describe, execute, sync.
 */
export function statementMessage(step: {
  close: string[];
  parse: boolean;
  name: string;
  text: string;
  values: Value[];
}): Buffer {
  const parts: Buffer[] = step.close.map((n) =>
    Buffer.from(protocol.serialize.close({ type: 'S', name: n })),
  );
  if (step.parse) parts.push(Buffer.from(protocol.serialize.parse({ text: step.text, name: step.name })));
  parts.push(bindMessage(step.name, step.values), DESCRIBE_PORTAL, EXECUTE_ALL, SYNC);
  return Buffer.concat(parts);
}

function bindMessage(statement: string, values: Value[]): Buffer {
  const name = Buffer.byteLength(statement);
  const sizes = values.map((v) => (v === null ? 0 : typeof v === 'string' ? Buffer.byteLength(v) : v.length));
  // Type, length; unnamed portal; statement; format codes; values; no result formats (all text).
  let size = 1 + 4 + 1 + name + 1 + 2 + 2 * values.length + 2 + 2;
  for (const s of sizes) size += 4 + s;
  const out = Buffer.allocUnsafe(size);
  let at = out.writeUInt8(0x42, 0);
  at = out.writeInt32BE(size - 1, at);
  at = out.writeUInt8(0, at);
  at += out.write(statement, at);
  at = out.writeUInt8(0, at);
  at = out.writeInt16BE(values.length, at);
  for (const v of values) at = out.writeInt16BE(Buffer.isBuffer(v) ? 1 : 0, at);
  at = out.writeInt16BE(values.length, at);
  values.forEach((v, i) => {
    if (v === null) {
      at = out.writeInt32BE(-1, at);
      return;
    }
    at = out.writeInt32BE(sizes[i]!, at);
    at += typeof v === 'string' ? out.write(v, at) : v.copy(out, at);
  });
  out.writeInt16BE(0, at);
  return out;
}

type Parser = (value: string, typeId: number) => unknown;

/**
 * The result of one statement from its response messages, shaped as PGlite's `query`
 * returns it, or `null` when the response holds an error (see `errorIn`).
 */
export function readResult<T>(
  response: Buffer,
  parsers: Record<number, Parser>,
  rowMode: 'array' | 'object' = 'object',
): Results<T> | null {
  let fields: { name: string; dataTypeID: number }[] = [];
  const rows: unknown[] = [];
  let result: Results<T> | null = null;
  for (let at = 0; at < response.length; ) {
    const code = response[at]!;
    const end = at + 1 + response.readInt32BE(at + 1);
    let p = at + 5;
    if (code === 0x45 /* E */) return null;
    if (code === 0x54 /* T: row description */) {
      const count = response.readInt16BE(p);
      p += 2;
      fields = new Array(count);
      for (let i = 0; i < count; i++) {
        const zero = response.indexOf(0, p);
        const name = response.toString('utf8', p, zero);
        p = zero + 1;
        fields[i] = { name, dataTypeID: response.readInt32BE(p + 6) };
        p += 18;
      }
    } else if (code === 0x44 /* D: data row */) {
      const count = response.readInt16BE(p);
      p += 2;
      const asArray = rowMode === 'array';
      const row = (asArray ? new Array(count) : {}) as Record<string | number, unknown>;
      for (let i = 0; i < count; i++) {
        const length = response.readInt32BE(p);
        p += 4;
        let value: unknown = null;
        if (length >= 0) {
          const text = response.toString('utf8', p, p + length);
          p += length;
          const typeId = fields[i]!.dataTypeID;
          const parse = parsers[typeId];
          value = parse ? parse(text, typeId) : text;
        }
        row[asArray ? i : fields[i]!.name] = value;
      }
      rows.push(row);
    } else if (code === 0x43 /* C: command complete */) {
      result = completed<T>(response.toString('utf8', p, end - 1), fields, rows);
    }
    at = end;
  }
  return result ?? ({ rows: [], fields: [], affectedRows: 0 } as Results<T>);
}

/** As PGlite reads a command tag: "INSERT 0 5", "UPDATE 3", "SELECT 2", "CREATE TABLE". */
function completed<T>(tag: string, fields: Results['fields'], rows: unknown[]): Results<T> {
  const parts = tag.split(' ');
  const command = parts[0]!;
  const rowCount = Number.parseInt(parts[parts.length - 1]!, 10);
  const counts = ['INSERT', 'UPDATE', 'DELETE', 'COPY', 'MERGE'].includes(command);
  return {
    rows: rows as T[],
    fields,
    command,
    affectedRows: counts ? rowCount : 0,
    ...(Number.isNaN(rowCount) ? {} : { rowCount }),
  } as Results<T>;
}

/** The database error a response holds, read by the protocol library (errors are rare; its reading is complete). */
export function errorIn(response: Buffer): Error {
  let error: Error | undefined;
  new protocol.Parser().parse(response, (message) => {
    if (!error && message instanceof Error) error = message;
  });
  return error ?? new Error('PGlite reported an error without a message');
}
