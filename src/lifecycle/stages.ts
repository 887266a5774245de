import { z } from 'zod';
import { ROLES } from '../platform/context.ts';

export const LIFECYCLES = ['lead', 'opportunity', 'customer'] as const;
export type Lifecycle = (typeof LIFECYCLES)[number];

export const HANDOFF_KINDS = ['mql', 'sql', 'won', 'expansion', 'recycle'] as const;
export type HandoffKind = (typeof HANDOFF_KINDS)[number];

/**
 * "Entering this stage opens a hand-off of `kind` from `fromRole` to `toRole`" (DOMAIN.md 4).
 * `toRoleBySource` picks the receiving role by a person's source (inbound → mdr, outbound → sdr).
 * The SLA is counted in business hours of the workspace calendar.
 */
export const handoffRuleSchema = z.strictObject({
  kind: z.enum(HANDOFF_KINDS),
  fromRole: z.enum(ROLES),
  toRole: z.enum(ROLES),
  toRoleBySource: z.record(z.string().max(40), z.enum(ROLES)).default({}),
  slaBusinessHours: z.number().positive().max(2000),
});
export type HandoffRule = z.infer<typeof handoffRuleSchema>;

/** A stage of a lifecycle, as data (DOMAIN.md 3 and 3.4). */
export const stageSchema = z.strictObject({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case letters, digits and _'),
  labelJa: z.string().min(1).max(40),
  labelEn: z.string().min(1).max(40),
  order: z.int().min(0).max(1000),
  /** inventory: no time limit; gate: a check, no dwell expected; sla: a maximum dwell owned by a role. */
  type: z.enum(['inventory', 'gate', 'sla']),
  maxDwellHours: z
    .number()
    .positive()
    .max(24 * 365)
    .nullable()
    .default(null),
  owningRole: z.enum(ROLES).nullable(),
  /** success: the main path; off_ramp: a detour (disqualified, recycled, lost, churned). */
  path: z.enum(['success', 'off_ramp']),
  /** Stages this one may move to directly. Forward skips along the success path are always allowed. */
  transitions: z.array(z.string()).max(30),
  /** A recycle stage needs a re-approach date and sends the entity back when it comes. */
  isRecycle: z.boolean().default(false),
  /** The hand-off that entering this stage opens, if any. */
  handoff: handoffRuleSchema.nullable().default(null),
});
export type StageDefinition = z.infer<typeof stageSchema>;

export const lifecycleDefinitionSchema = z.strictObject({
  lifecycle: z.enum(LIFECYCLES),
  /** The first stage; every stage must be reachable from it. */
  initial: z.string(),
  /** Where a new record starts (a person with an email starts at lead, not anonymous). */
  entry: z.string(),
  stages: z.array(stageSchema).min(2).max(40),
});
export type LifecycleDefinition = z.infer<typeof lifecycleDefinitionSchema>;

/** A problem with a definition: which stage, which rule. */
export interface DefinitionIssue {
  path: string;
  message: string;
}

/**
 * The rules a definition must satisfy beyond its shape: unique keys, known targets,
 * every stage reachable from the initial one, an SLA stage has its maximum dwell, every
 * off-ramp returns or ends, and no cycle without an exit (an end is reachable from every stage).
 */
export function validateDefinition(def: LifecycleDefinition): DefinitionIssue[] {
  const issues: DefinitionIssue[] = [];
  const byKey = new Map<string, StageDefinition>();
  def.stages.forEach((s, i) => {
    if (byKey.has(s.key))
      issues.push({ path: `stages.${i}.key`, message: `stage "${s.key}" is defined twice` });
    byKey.set(s.key, s);
  });
  if (!byKey.has(def.initial))
    issues.push({ path: 'initial', message: `initial stage "${def.initial}" is not defined` });
  if (byKey.get(def.entry)?.path !== 'success') {
    issues.push({
      path: 'entry',
      message: `entry stage "${def.entry}" must be a defined success-path stage`,
    });
  }
  def.stages.forEach((s, i) => {
    s.transitions.forEach((t, j) => {
      if (!byKey.has(t))
        issues.push({
          path: `stages.${i}.transitions.${j}`,
          message: `"${s.key}" moves to unknown stage "${t}"`,
        });
      if (t === s.key)
        issues.push({ path: `stages.${i}.transitions.${j}`, message: `"${s.key}" cannot move to itself` });
    });
    if (s.type === 'sla' && !s.maxDwellHours) {
      issues.push({
        path: `stages.${i}.maxDwellHours`,
        message: `SLA stage "${s.key}" needs a maximum dwell time`,
      });
    }
    if (s.handoff && s.path !== 'success') {
      issues.push({ path: `stages.${i}.handoff`, message: `off-ramp "${s.key}" cannot open a hand-off` });
    }
    if (s.isRecycle && s.path !== 'off_ramp') {
      issues.push({ path: `stages.${i}.isRecycle`, message: `recycle stage "${s.key}" must be an off-ramp` });
    }
  });
  if (issues.length) return issues;

  const next = (key: string) => nextStages(def, key);
  const reachable = walk([def.initial], next);
  def.stages.forEach((s, i) => {
    if (!reachable.has(s.key))
      issues.push({
        path: `stages.${i}`,
        message: `stage "${s.key}" cannot be reached from "${def.initial}"`,
      });
  });
  const ends = def.stages.filter((s) => next(s.key).length === 0).map((s) => s.key);
  def.stages.forEach((s, i) => {
    const ahead = walk([s.key], next);
    if (!ends.some((e) => ahead.has(e))) {
      issues.push({
        path: `stages.${i}`,
        message: `from "${s.key}" no end can be reached: a cycle without exit`,
      });
    } else if (s.path === 'off_ramp' && next(s.key).length > 0) {
      const returns = [...ahead].some((k) => k !== s.key && byKey.get(k)?.path === 'success');
      if (!returns)
        issues.push({
          path: `stages.${i}`,
          message: `off-ramp "${s.key}" neither ends nor returns to the success path`,
        });
    }
  });
  return issues;
}

/** Direct transitions plus forward skips along the success path. */
export function nextStages(def: LifecycleDefinition, key: string): string[] {
  const stage = def.stages.find((s) => s.key === key);
  if (!stage) return [];
  const skips =
    stage.path === 'success'
      ? def.stages.filter((s) => s.path === 'success' && s.order > stage.order).map((s) => s.key)
      : [];
  return [...new Set([...stage.transitions, ...skips])];
}

function walk(start: string[], next: (k: string) => string[]): Set<string> {
  const seen = new Set(start);
  const queue = [...start];
  for (let k = queue.shift(); k !== undefined; k = queue.shift()) {
    for (const n of next(k)) {
      if (!seen.has(n)) {
        seen.add(n);
        queue.push(n);
      }
    }
  }
  return seen;
}
