import type { StageDefinition, StagePeriod } from './api.ts';

export interface SankeyNode {
  /** Unique within the chart: the stage key, or `↺key` for a flow going back to an earlier stage. */
  id: string;
  stage: string;
  /** A flow back to this stage (recycling): drawn as its own node, since a sankey cannot loop. */
  isReturn: boolean;
  offRamp: boolean;
}

export interface SankeyLink {
  source: string;
  target: string;
  value: number;
}

/**
 * The flows between stages of one or more periods (out-flow by destination), as a sankey:
 * every move to a later stage or an off-ramp is a link; a move that would close a loop
 * (recycled → nurturing, renewal → adoption) ends in a separate "back to" node instead.
 */
export function sankeyOf(
  stages: StageDefinition[],
  periods: Record<string, StagePeriod>[],
): { nodes: SankeyNode[]; links: SankeyLink[] } {
  const byKey = new Map(stages.map((s) => [s.key, s]));
  const totals = new Map<string, number>();
  for (const p of periods) {
    for (const [from, s] of Object.entries(p)) {
      for (const [to, n] of Object.entries(s.outflow)) {
        if (n > 0) totals.set(`${from}\u0000${to}`, (totals.get(`${from}\u0000${to}`) ?? 0) + n);
      }
    }
  }
  const rank = (k: string) => byKey.get(k)?.order ?? Number.MAX_SAFE_INTEGER;
  // Forward moves first (in stage order), so the main path keeps its real nodes.
  const flows = [...totals].map(([key, value]) => {
    const [from, to] = key.split('\u0000') as [string, string];
    return { from, to, value };
  });
  flows.sort((a, b) => {
    const fa = rank(a.to) > rank(a.from) ? 0 : 1;
    const fb = rank(b.to) > rank(b.from) ? 0 : 1;
    return fa - fb || rank(a.from) - rank(b.from) || rank(a.to) - rank(b.to);
  });
  const edges = new Map<string, Set<string>>();
  const reaches = (from: string, to: string): boolean => {
    const seen = new Set<string>();
    const stack = [from];
    while (stack.length) {
      const k = stack.pop()!;
      if (k === to) return true;
      if (seen.has(k)) continue;
      seen.add(k);
      stack.push(...(edges.get(k) ?? []));
    }
    return false;
  };
  const nodes = new Map<string, SankeyNode>();
  const node = (stage: string, isReturn: boolean) => {
    const id = isReturn ? `↺${stage}` : stage;
    if (!nodes.has(id))
      nodes.set(id, { id, stage, isReturn, offRamp: byKey.get(stage)?.path === 'off_ramp' });
    return id;
  };
  const links: SankeyLink[] = [];
  for (const f of flows) {
    const loops = f.from === f.to || reaches(f.to, f.from);
    const source = node(f.from, false);
    const target = node(f.to, loops);
    if (!loops) edges.set(f.from, new Set([...(edges.get(f.from) ?? []), f.to]));
    links.push({ source, target, value: f.value });
  }
  return { nodes: [...nodes.values()], links };
}
