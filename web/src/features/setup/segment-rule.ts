import type { SegmentCondition, SegmentRule } from './api.ts';

/** A POD's segment as the form edits it: every part optional, all parts must hold. */
export interface SegmentForm {
  tiers: string[];
  industries: string[];
  regions: string[];
  minEmployees: number | null;
  maxEmployees: number | null;
}

export const EMPTY_SEGMENT: SegmentForm = {
  tiers: [],
  industries: [],
  regions: [],
  minEmployees: null,
  maxEmployees: null,
};

const list = (c: SegmentCondition): string[] | null => {
  if (c.op === 'in' && Array.isArray(c.value)) return c.value.map(String);
  if (c.op === 'eq' && !Array.isArray(c.value)) return [String(c.value)];
  return null;
};

/** Reads a stored rule into the form; null when it uses more than the form can show (any-of, nesting). */
export function segmentToForm(rule: SegmentRule | null): SegmentForm | null {
  if (!rule) return { ...EMPTY_SEGMENT };
  const parts = 'all' in rule ? rule.all : 'any' in rule ? null : [rule];
  if (!parts) return null;
  const form: SegmentForm = { ...EMPTY_SEGMENT };
  for (const part of parts) {
    if ('all' in part || 'any' in part) return null;
    if (part.field === 'employeeCount' && typeof part.value === 'number') {
      if (part.op === 'gte') form.minEmployees = part.value;
      else if (part.op === 'lt') form.maxEmployees = part.value;
      else return null;
      continue;
    }
    const values = list(part);
    if (!values) return null;
    if (part.field === 'tier') form.tiers = values;
    else if (part.field === 'industry') form.industries = values;
    else if (part.field === 'region') form.regions = values;
    else return null;
  }
  return form;
}

/** The rule the form describes, or null when it names no condition. */
export function formToSegment(form: SegmentForm): SegmentRule | null {
  const parts: SegmentCondition[] = [];
  if (form.tiers.length) parts.push({ field: 'tier', op: 'in', value: form.tiers });
  if (form.industries.length) parts.push({ field: 'industry', op: 'in', value: form.industries });
  if (form.regions.length) parts.push({ field: 'region', op: 'in', value: form.regions });
  if (form.minEmployees !== null) parts.push({ field: 'employeeCount', op: 'gte', value: form.minEmployees });
  if (form.maxEmployees !== null) parts.push({ field: 'employeeCount', op: 'lt', value: form.maxEmployees });
  if (parts.length === 0) return null;
  return parts.length === 1 ? parts[0]! : { all: parts };
}
