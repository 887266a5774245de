/**
 * JSON with object keys sorted at every level, so a value hashes the same after a jsonb
 * round trip (which reorders keys). Dates become ISO strings, as they are stored.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(normalise(value));
}

function normalise(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(normalise);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = normalise(v);
    }
    return out;
  }
  return value;
}

/** A plain JSON copy (dates as ISO strings) fit for a jsonb column. */
export function toJsonValue<T>(value: T): unknown {
  return value === null || value === undefined ? null : JSON.parse(canonicalJson(value));
}
