/**
 * One parsing rule for both drivers: PGlite returns int8 as numbers and `pg` as strings.
 * Counts and money (yen) fit in a double, so int8 and numeric become numbers; a value that
 * would lose precision is an error rather than a silently wrong number.
 */
export const INT8_OID = 20;
export const NUMERIC_OID = 1700;

export function parseInt8(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n))
    throw new Error(`int8 value ${value} is beyond JavaScript's safe integer range`);
  return n;
}

export function parseNumeric(value: string): number {
  return Number(value);
}

/** The parsers a PGlite client is created with (`pg` gets the same rule through its type registry). */
export const PGLITE_PARSERS = { [INT8_OID]: parseInt8, [NUMERIC_OID]: parseNumeric };
