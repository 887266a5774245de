import type { hygieneReport, HYGIENE_FLAGS as ServerFlags } from '../../../../src/pipeline/hygiene.ts';
import { api } from '../../app/api.ts';

export type HygieneFlag = (typeof ServerFlags)[number];
export const HYGIENE_FLAGS = [
  'close_date_passed',
  'not_updated',
  'no_next_step',
  'phase_dwell_over_norm',
] as const satisfies readonly HygieneFlag[];

type Report = ReturnType<typeof hygieneReport>;
type WireIssue = Omit<Report['issues'][number], 'updatedAt' | 'phaseEnteredAt'> & {
  updatedAt: string;
  phaseEnteredAt: string;
};
/** The hygiene report as it arrives (dates as ISO strings). */
export type Hygiene = Omit<Report, 'issues'> & { issues: WireIssue[] };
export type HygieneIssue = WireIssue;

export const fetchHygiene = () => api<Hygiene>('/pipeline/hygiene');

export const ISSUE_SORTS = [
  'closeDate',
  'name',
  'amountMrr',
  'daysSinceUpdate',
  'daysInPhase',
  'flags',
] as const;
export type IssueSort = (typeof ISSUE_SORTS)[number];

/** The issues a user narrowed to (owner, manager, flag, text), sorted by `sort` (`-` for descending). */
export function selectIssues(
  issues: HygieneIssue[],
  f: { owner?: string | null; manager?: string | null; flag?: string | null; q?: string; sort: string },
): HygieneIssue[] {
  const q = f.q?.trim().toLowerCase();
  const picked = issues.filter(
    (i) =>
      (!f.owner || (f.owner === 'none' ? i.ownerUserId === null : i.ownerUserId === f.owner)) &&
      (!f.manager ||
        (f.manager === 'none' ? i.managerUserIds.length === 0 : i.managerUserIds.includes(f.manager))) &&
      (!f.flag || i.flags.includes(f.flag as HygieneFlag)) &&
      (!q || i.name.toLowerCase().includes(q)),
  );
  const descending = f.sort.startsWith('-');
  const key = (descending ? f.sort.slice(1) : f.sort) as IssueSort;
  const value = (i: HygieneIssue): string | number =>
    key === 'flags' ? i.flags.length : key === 'closeDate' ? (i.closeDate ?? '9999-12-31') : i[key];
  return picked.sort((a, b) => {
    const x = value(a);
    const y = value(b);
    const c = x < y ? -1 : x > y ? 1 : a.id.localeCompare(b.id);
    return descending ? -c : c;
  });
}
