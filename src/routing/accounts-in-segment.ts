import type { RequestContext } from '../platform/context.ts';
import { DomainError } from '../platform/errors.ts';
import { readFloorSettings } from './floor-settings.ts';
import { podFor, tierOf } from './segments.ts';
import { allAccountFacts, getWorkspaceConfig, listTeams } from './store.ts';

/** A segment (an account tier) or a POD, as a plan names it: `value` is a tier key or a POD's id or name. */
export interface SegmentOrPod {
  dimension: 'segment' | 'pod';
  value: string;
}

/** The workspace's tiers and teams: what segmentation reads. */
async function segmentation(ctx: RequestContext) {
  const config = await getWorkspaceConfig(ctx);
  const teams = await listTeams(ctx);
  return {
    tiers: readFloorSettings(config.settings.salesFloor).tiers,
    teams,
    pods: teams.filter((t) => t.kind === 'pod'),
  };
}

/** The tiers of the workspace and its PODs: what a plan can be narrowed to. */
export async function segmentChoices(ctx: RequestContext) {
  const { tiers, pods } = await segmentation(ctx);
  return { segments: tiers.map((t) => t.key), pods: pods.map((p) => ({ id: p.id, name: p.name })) };
}

/**
 * The accounts of a segment or POD, by the rules routing uses: an account's tier (stored,
 * or by employee count against the workspace's tiers) and the first POD whose segment rule
 * it matches. Also the PODs that own those accounts, whose members carry the work.
 * An unknown tier or POD is a 400 naming `slice.value` and listing what exists.
 */
export async function accountsInSegment(ctx: RequestContext, slice: SegmentOrPod) {
  const { tiers, teams, pods } = await segmentation(ctx);
  const unknown = (what: string, known: string[]) =>
    new DomainError('invalid_input', `No ${what} "${slice.value}" to plan for.`, [
      {
        path: 'slice.value',
        message: known.length ? `use one of: ${known.join(', ')}` : `the workspace has no ${what}`,
      },
    ]);
  const pod =
    slice.dimension === 'pod' ? pods.find((p) => p.id === slice.value || p.name === slice.value) : undefined;
  if (slice.dimension === 'pod' && !pod)
    throw unknown(
      'POD',
      pods.map((p) => p.name),
    );
  if (slice.dimension === 'segment' && !tiers.some((t) => t.key === slice.value))
    throw unknown(
      'segment',
      tiers.map((t) => t.key),
    );
  const accountIds: string[] = [];
  const podIds = new Set<string>();
  for (const facts of await allAccountFacts(ctx)) {
    const owner = podFor(facts, teams, tiers);
    if (pod ? owner?.id !== pod.id : tierOf(facts, tiers) !== slice.value) continue;
    accountIds.push(facts.id);
    if (owner) podIds.add(owner.id);
  }
  return {
    dimension: slice.dimension,
    value: pod ? pod.id : slice.value,
    label: pod ? pod.name : slice.value,
    accountIds,
    podIds: [...podIds].sort(),
  };
}
