import { DomainError } from '../errors.ts';

/** Opaque keyset cursors: base64url of `[sort key as text, id]`. */
export function encodeCursor(value: [string, string]): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function decodeCursor(cursor: string): [string, string] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      UUID.test(String(value[1]))
    ) {
      return [value[0], value[1] as string];
    }
  } catch {
    // fall through to the error below
  }
  throw new DomainError('invalid_input', 'The cursor is not one this API returned.', [
    { path: 'cursor', message: 'pass the nextCursor of the previous page unchanged' },
  ]);
}
