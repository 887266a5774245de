import { type FitRule, GRADES, type Grade, type ScoringRules } from './rules.ts';

/** The fields fit rules read; missing values never match. */
export interface FitSubject {
  person: { title: string | null; department: string | null; source: string | null };
  account: {
    industry: string | null;
    employeeCount: number | null;
    region: string | null;
    tier: string | null;
  } | null;
}

/** A rule's field path and lower-cased values, worked out once per rule (a recompute asks a million times). */
interface CompiledFitRule {
  entity: 'person' | 'account';
  key: string;
  lowered: string[];
  bound: number;
}
const compiled = new WeakMap<FitRule, CompiledFitRule>();

function compile(rule: FitRule): CompiledFitRule {
  let c = compiled.get(rule);
  if (!c) {
    const [entity, key] = rule.field.split('.') as ['person' | 'account', string];
    const values = Array.isArray(rule.value) ? rule.value : [rule.value];
    c = { entity, key, lowered: values.map((v) => String(v).toLowerCase()), bound: Number(values[0]) };
    compiled.set(rule, c);
  }
  return c;
}

function fieldValue(subject: FitSubject, rule: CompiledFitRule): string | number | null {
  const holder = rule.entity === 'person' ? subject.person : subject.account;
  if (!holder) return null;
  return ((holder as Record<string, string | number | null>)[rule.key] ?? null) as string | number | null;
}

function fitMatches(rule: FitRule, c: CompiledFitRule, raw: string | number | null): boolean {
  if (raw === null || raw === '') return false;
  switch (rule.op) {
    case 'eq':
    case 'in': {
      const text = String(raw).toLowerCase();
      return c.lowered.includes(text);
    }
    case 'contains': {
      const text = String(raw).toLowerCase();
      return c.lowered.some((v) => text.includes(v));
    }
    case 'gte':
      return typeof raw === 'number' && raw >= c.bound;
    case 'lt':
      return typeof raw === 'number' && raw < c.bound;
  }
}

export interface FitResult {
  points: number;
  grade: Grade;
  matched: { ruleId: string; label: string; points: number }[];
}

/**
 * Fit points: within one field only the first matching rule counts (so "部長" is not
 * also a "課長"); across fields they add up. The grade follows from the thresholds.
 */
export function evaluateFit(rules: ScoringRules, subject: FitSubject): FitResult {
  const usedFields = new Set<string>();
  const matched: FitResult['matched'] = [];
  let points = 0;
  for (const rule of rules.fit) {
    if (usedFields.has(rule.field)) continue;
    const c = compile(rule);
    if (!fitMatches(rule, c, fieldValue(subject, c))) continue;
    usedFields.add(rule.field);
    points += rule.points;
    matched.push({ ruleId: rule.id, label: rule.label, points: rule.points });
  }
  return { points, grade: gradeOf(rules, points), matched };
}

export function gradeOf(rules: ScoringRules, points: number): Grade {
  if (points >= rules.grades.A) return 'A';
  if (points >= rules.grades.B) return 'B';
  if (points >= rules.grades.C) return 'C';
  return 'D';
}

/** True when `grade` is at least as good as `min` (A best). */
export function gradeAtLeast(grade: Grade, min: Grade): boolean {
  return GRADES.indexOf(grade) <= GRADES.indexOf(min);
}
