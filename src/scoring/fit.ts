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

function fieldValue(subject: FitSubject, field: FitRule['field']): string | number | null {
  const [entity, key] = field.split('.') as ['person' | 'account', string];
  const holder = entity === 'person' ? subject.person : subject.account;
  if (!holder) return null;
  return ((holder as Record<string, string | number | null>)[key] ?? null) as string | number | null;
}

function fitMatches(rule: FitRule, raw: string | number | null): boolean {
  if (raw === null || raw === '') return false;
  const values = Array.isArray(rule.value) ? rule.value : [rule.value];
  switch (rule.op) {
    case 'eq':
    case 'in':
      return values.some((v) => String(v).toLowerCase() === String(raw).toLowerCase());
    case 'contains': {
      const text = String(raw).toLowerCase();
      return values.some((v) => text.includes(String(v).toLowerCase()));
    }
    case 'gte':
      return typeof raw === 'number' && raw >= Number(values[0]);
    case 'lt':
      return typeof raw === 'number' && raw < Number(values[0]);
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
    if (!fitMatches(rule, fieldValue(subject, rule.field))) continue;
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
