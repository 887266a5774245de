import type { OpenPhase, PipelineSettings } from './pipeline-settings.ts';

export const HYGIENE_FLAGS = [
  'close_date_passed',
  'not_updated',
  'no_next_step',
  'phase_dwell_over_norm',
] as const;
export type HygieneFlag = (typeof HYGIENE_FLAGS)[number];

/** An open opportunity as hygiene reads it. */
export interface HygieneInput {
  id: string;
  name: string;
  ownerUserId: string | null;
  managerUserIds: string[];
  phase: string;
  closeDate: string | null;
  nextStep: string | null;
  updatedAt: Date;
  phaseEnteredAt: Date;
  amountMrr: number;
}

export interface HygieneIssue extends HygieneInput {
  flags: HygieneFlag[];
  daysSinceUpdate: number;
  daysInPhase: number;
}

const DAY = 86_400_000;

/** Flags one open opportunity (pure): close date passed, not updated in N days, no next step, dwell above the phase norm. */
export function hygieneFlags(
  o: HygieneInput,
  settings: PipelineSettings,
  now: Date,
  today: string,
): HygieneIssue {
  const daysSinceUpdate = Math.floor((now.getTime() - o.updatedAt.getTime()) / DAY);
  const daysInPhase = Math.floor((now.getTime() - o.phaseEnteredAt.getTime()) / DAY);
  const norm = settings.phaseNormDays[o.phase as OpenPhase];
  const flags: HygieneFlag[] = [];
  if (o.closeDate && o.closeDate < today) flags.push('close_date_passed');
  if (daysSinceUpdate > settings.staleAfterDays) flags.push('not_updated');
  if (!o.nextStep?.trim()) flags.push('no_next_step');
  if (norm !== undefined && daysInPhase > norm) flags.push('phase_dwell_over_norm');
  return { ...o, flags, daysSinceUpdate, daysInPhase };
}

function countFlags(issues: HygieneIssue[]) {
  const counts = Object.fromEntries(HYGIENE_FLAGS.map((f) => [f, 0])) as Record<HygieneFlag, number>;
  for (const i of issues) for (const f of i.flags) counts[f]++;
  return counts;
}

/** The flagged opportunities, and their counts per owner and per manager of the owner's team. */
export function hygieneReport(opps: HygieneInput[], settings: PipelineSettings, now: Date, today: string) {
  const issues = opps.map((o) => hygieneFlags(o, settings, now, today)).filter((i) => i.flags.length > 0);
  const group = (keyOf: (i: HygieneIssue) => (string | null)[]) => {
    const by = new Map<string | null, HygieneIssue[]>();
    for (const i of issues) for (const k of keyOf(i)) by.set(k, [...(by.get(k) ?? []), i]);
    return [...by].map(([userId, list]) => ({ userId, opportunities: list.length, flags: countFlags(list) }));
  };
  return {
    totals: { opportunities: issues.length, flags: countFlags(issues) },
    byOwner: group((i) => [i.ownerUserId]),
    byManager: group((i) => (i.managerUserIds.length ? i.managerUserIds : [null])),
    issues,
  };
}
