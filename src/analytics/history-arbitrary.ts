import fc from 'fast-check';
import type { LifecycleDefinition } from '../lifecycle/stages.ts';
import { nextStages } from '../lifecycle/stages.ts';
import { decideEntry, decideTransition } from '../lifecycle/transition-rules.ts';
import type { HistoryFact } from './funnel.ts';

/** One record's random life: where it enters, when, and its moves with the hours between them. */
export interface RandomLife {
  entry: number;
  startHour: number;
  moves: { pick: number; hours: number }[];
}

export const lifeArbitrary = fc.record({
  entry: fc.nat(20),
  startHour: fc.nat(24 * 400),
  moves: fc.array(fc.record({ pick: fc.nat(50), hours: fc.nat(24 * 60) }), { maxLength: 8 }),
});

const BASE = Date.UTC(2025, 0, 1);

/**
 * Turns a random life into valid stage-history steps under a definition, with the
 * production rules (entries and skips record passed stages). Used by tests to drive
 * both the pure model and the database.
 */
export function lifeSteps(
  def: LifecycleDefinition,
  life: RandomLife,
): { at: Date; to: string; steps: { from: string | null; to: string; skipped: boolean }[] }[] {
  const success = def.stages.filter(
    (s) => s.path === 'success' && s.order >= (def.stages.find((x) => x.key === def.entry)?.order ?? 0),
  );
  // Mostly the normal entry stage; sometimes an import straight into a later stage.
  const entryStage = life.entry < 15 ? def.entry : success[life.entry % success.length]!.key;
  let at = BASE + life.startHour * 3_600_000;
  const out = [{ at: new Date(at), to: entryStage, steps: decideEntry(def, entryStage) }];
  let current = entryStage;
  for (const m of life.moves) {
    const options = nextStages(def, current);
    if (options.length === 0) break;
    const to = options[m.pick % options.length]!;
    at += m.hours * 3_600_000 + 60_000;
    const reapproachOn = new Date(at + 86_400_000);
    const steps = decideTransition(def, current, { to, reason: 'test', reapproachOn }, new Date(at));
    out.push({ at: new Date(at), to, steps });
    current = to;
  }
  return out;
}

/** The history facts of many random lives, as the store would return them. */
export function historyOf(def: LifecycleDefinition, lives: RandomLife[]): HistoryFact[] {
  const rows: HistoryFact[] = [];
  let seq = 0;
  lives.forEach((life, i) => {
    const entityId = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    for (const move of lifeSteps(def, life)) {
      for (const s of move.steps) {
        rows.push({
          entityId,
          fromStage: s.from,
          toStage: s.to,
          at: move.at,
          skipped: s.skipped,
          seq: seq++,
        });
      }
    }
  });
  return rows;
}
