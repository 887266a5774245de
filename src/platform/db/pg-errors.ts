/** The parts of a PostgreSQL error we act on, from `pg` or PGlite, wrapped by drizzle or not. */
export interface PgErrorInfo {
  code: string;
  constraint?: string | undefined;
  detail?: string | undefined;
}

export function pgErrorOf(err: unknown): PgErrorInfo | null {
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
      const { constraint, detail } = e as { constraint?: string; detail?: string };
      return { code, constraint, detail };
    }
  }
  return null;
}

export const UNIQUE_VIOLATION = '23505';
export const FOREIGN_KEY_VIOLATION = '23503';
export const SERIALIZATION_FAILURE = '40001';
