import type { LifecycleDefinition } from './stages.ts';
import type { HistoryStep } from './transition-rules.ts';

/** A stage a record reached at a known time (e.g. HubSpot's "Became a … Date"). */
export interface DatedStage {
  stage: string;
  at: Date;
}

/**
 * Rebuilds a record's stage history from the dates another system kept (pure): entry at
 * `createdAt`, then every success-path stage in order up to the current one, each at its
 * own date; a stage passed without a date is recorded as skipped at the next known date.
 * An off-ramp current stage (disqualified, lost…) ends the history at its date.
 */
export function decideImportedHistory(
  def: LifecycleDefinition,
  createdAt: Date,
  dated: DatedStage[],
  current: string,
): (HistoryStep & { at: Date })[] {
  const byKey = new Map(def.stages.map((s) => [s.key, s]));
  const target = byKey.get(current);
  if (!target) throw new Error(`"${current}" is not a stage of the ${def.lifecycle} lifecycle`);
  const known = new Map<string, Date>();
  for (const d of dated) if (byKey.get(d.stage)?.path === 'success') known.set(d.stage, d.at);
  const entry = byKey.get(def.entry)!;
  const lastSuccess =
    target.path === 'success'
      ? target
      : // An off-ramp: the furthest success stage with a date, at least the entry.
        ([...known.keys()].map((k) => byKey.get(k)!).sort((a, b) => b.order - a.order)[0] ?? entry);
  const path = def.stages
    .filter((s) => s.path === 'success' && s.order >= entry.order && s.order <= lastSuccess.order)
    .sort((a, b) => a.order - b.order);
  const steps: (HistoryStep & { at: Date })[] = [];
  let prev: string | null = null;
  let prevAt = createdAt;
  path.forEach((s, i) => {
    let at = s.key === entry.key ? (known.get(s.key) ?? createdAt) : known.get(s.key);
    let skipped = false;
    if (!at) {
      // No date: passed on the way to the next stage that has one (or the current stage).
      const next = path.slice(i + 1).find((n) => known.has(n.key));
      at = next ? known.get(next.key)! : prevAt;
      skipped = s.key !== lastSuccess.key;
    }
    if (at < prevAt) at = prevAt;
    steps.push({ from: prev, to: s.key, skipped, at });
    prev = s.key;
    prevAt = at;
  });
  if (target.path !== 'success')
    steps.push({ from: prev, to: target.key, skipped: false, at: known.get(target.key) ?? prevAt });
  return steps;
}
