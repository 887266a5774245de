import { z } from 'zod';
import { LIFECYCLES, type Lifecycle, type LifecycleDefinition } from '../lifecycle/stages.ts';
import { DomainError, invalid } from '../platform/errors.ts';
import { SLICE_DIMENSIONS, type SliceDimension, type SliceFilter } from './funnel.ts';
import { GRAINS, type Grain } from './periods.ts';

const GRAIN_ALIASES: Record<string, Grain> = { quarter: 'fiscal_quarter', year: 'fiscal_year' };

/** Query parameters every report accepts (HTTP query string and CLI flags alike). */
export const reportParamsSchema = z.object({
  from: z.string().optional().describe('first local day, YYYY-MM-DD (default: 12 months back)'),
  to: z.string().optional().describe('last local day, YYYY-MM-DD (default: today in the workspace zone)'),
  by: z
    .string()
    .optional()
    .describe(`period: ${GRAINS.join(', ')} (quarter and year are fiscal)`),
  view: z.string().optional().describe('funnel view: cohort or period'),
  lifecycle: z
    .string()
    .optional()
    .describe(`lifecycle: ${LIFECYCLES.join(', ')}`),
  slice: z
    .string()
    .optional()
    .describe(`one slice, dimension=value; dimensions: ${SLICE_DIMENSIONS.join(', ')}`),
  stages: z.string().optional().describe('comma-separated stage keys to show (default all)'),
});
export type ReportParams = z.infer<typeof reportParamsSchema>;

export interface ReportQuery {
  from: string;
  to: string;
  grain: Grain;
  view: 'cohort' | 'period';
  lifecycle: Lifecycle;
  slice: SliceFilter;
  stages: string[] | null;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function day(value: string, path: string): string {
  const d = new Date(`${value}T00:00:00Z`);
  if (!DAY.test(value) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) {
    throw invalid(path, `"${path}" must be a calendar day as YYYY-MM-DD (got "${value}").`);
  }
  return value;
}

/**
 * Validates report parameters (pure; `today` is the local day in the workspace zone).
 * Every rejection names the parameter: unknown slices, from after to, more than ten
 * years, unknown stage keys.
 */
export function parseReportQuery(
  p: ReportParams,
  today: string,
  stageKeysOf: (lifecycle: Lifecycle) => string[] | null,
): ReportQuery {
  const to = p.to ? day(p.to, 'to') : today;
  const from = p.from
    ? day(p.from, 'from')
    : (() => {
        const [y, m] = to.split('-').map(Number) as [number, number];
        return new Date(Date.UTC(y, m - 12, 1)).toISOString().slice(0, 10);
      })();
  if (from > to) throw invalid('from', `"from" (${from}) is after "to" (${to}).`);
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const limit = new Date(Date.UTC(fy + 10, fm - 1, fd)).toISOString().slice(0, 10);
  if (to > limit)
    throw invalid('to', `The range ${from}..${to} is longer than 10 years; narrow "from" or "to".`);
  const by = p.by ?? 'month';
  const grain = GRAIN_ALIASES[by] ?? by;
  if (!(GRAINS as readonly string[]).includes(grain)) {
    throw invalid('by', `"by" must be one of ${GRAINS.join(', ')}, quarter, year (got "${by}").`);
  }
  const view = p.view ?? 'period';
  if (view !== 'cohort' && view !== 'period') {
    throw invalid('view', `"view" must be cohort or period (got "${view}").`);
  }
  const lifecycle = p.lifecycle ?? 'lead';
  if (!(LIFECYCLES as readonly string[]).includes(lifecycle)) {
    throw invalid('lifecycle', `"lifecycle" must be one of ${LIFECYCLES.join(', ')} (got "${lifecycle}").`);
  }
  let slice: SliceFilter = null;
  if (p.slice) {
    const at = p.slice.search(/[=:]/);
    const dimension = at < 0 ? p.slice : p.slice.slice(0, at);
    if (!(SLICE_DIMENSIONS as readonly string[]).includes(dimension)) {
      throw invalid(
        'slice',
        `Unknown slice "${dimension}": slice by one of ${SLICE_DIMENSIONS.join(', ')} as dimension=value.`,
      );
    }
    if (at < 0) throw invalid('slice', `"slice" needs a value: ${dimension}=<value>.`);
    slice = { dimension: dimension as SliceDimension, value: p.slice.slice(at + 1) };
  }
  let stages: string[] | null = null;
  if (p.stages) {
    const known = stageKeysOf(lifecycle as Lifecycle) ?? [];
    stages = p.stages.split(',').map((s) => s.trim());
    const unknown = stages.filter((s) => !known.includes(s));
    if (unknown.length) {
      throw new DomainError('invalid_input', `Unknown stage ${unknown.map((s) => `"${s}"`).join(', ')}.`, [
        { path: 'stages', message: `stages of the ${lifecycle} lifecycle: ${known.join(', ')}` },
      ]);
    }
  }
  return { from, to, grain: grain as Grain, view, lifecycle: lifecycle as Lifecycle, slice, stages };
}

export const stageKeys = (def: LifecycleDefinition | undefined) =>
  def ? def.stages.map((s) => s.key) : null;
