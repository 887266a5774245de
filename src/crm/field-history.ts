import { canonicalJson } from '../platform/canonical-json.ts';

/** One field's change in one mutation. */
export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

/** Bookkeeping columns every row carries: not something a person changed. */
const IGNORED = new Set(['version', 'updatedAt', 'createdAt', 'workspaceId', 'emailNormalized']);

/**
 * The fields that differ between an audit row's before and after (either may be null:
 * a create has no before, a delete no after). Values compare as canonical JSON.
 */
export function fieldChanges(before: unknown, after: unknown): FieldChange[] {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((f) => !IGNORED.has(f)).sort();
  const changes: FieldChange[] = [];
  for (const field of fields) {
    const from = b[field] ?? null;
    const to = a[field] ?? null;
    if (canonicalJson(from) !== canonicalJson(to)) changes.push({ field, from, to });
  }
  return changes;
}
