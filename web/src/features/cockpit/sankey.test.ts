import { describe, expect, it } from 'vitest';
import type { StageDefinition, StagePeriod } from './api.ts';
import { sankeyOf } from './sankey.ts';

const stage = (key: string, order: number, path: 'success' | 'off_ramp' = 'success'): StageDefinition => ({
  key,
  labelJa: key,
  labelEn: key,
  order,
  path,
  owningRole: null,
});
const stages = [
  stage('lead', 10),
  stage('nurturing', 20),
  stage('mql', 30),
  stage('recycled', 110, 'off_ramp'),
  stage('disqualified', 100, 'off_ramp'),
];
const flow = (outflow: Record<string, number>): StagePeriod => ({
  balance: 0,
  inflow: 0,
  outflow,
  conversion: null,
  velocity: { exits: 0, medianHours: null, p90Hours: null },
});

describe('sankey of stage flows', () => {
  it('draws forward moves and off-ramps, and recycling back as its own node (no loop)', () => {
    const { nodes, links } = sankeyOf(stages, [
      {
        lead: flow({ nurturing: 10, disqualified: 2 }),
        nurturing: flow({ mql: 6 }),
        mql: flow({ recycled: 3 }),
        recycled: flow({ nurturing: 2 }),
      },
      { lead: flow({ nurturing: 5 }) },
    ]);
    expect(links).toEqual([
      { source: 'lead', target: 'nurturing', value: 15 },
      { source: 'lead', target: 'disqualified', value: 2 },
      { source: 'nurturing', target: 'mql', value: 6 },
      { source: 'mql', target: 'recycled', value: 3 },
      { source: 'recycled', target: '↺nurturing', value: 2 },
    ]);
    expect(nodes.find((n) => n.id === '↺nurturing')).toMatchObject({ stage: 'nurturing', isReturn: true });
    expect(nodes.find((n) => n.id === 'recycled')?.offRamp).toBe(true);
  });

  it('has no links without flows', () => {
    expect(sankeyOf(stages, [{ lead: flow({}) }])).toEqual({ nodes: [], links: [] });
  });
});
