import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/format.ts';
import type { Finding } from './api.ts';
import { useLooseT } from './loose-t.ts';
import { byOrder, useStageLabels } from './stage-labels.ts';

const num = (v: unknown) => (typeof v === 'number' ? v : 0);

/** Which hygiene rule a finding reports (the API names it in words; the UI says it in the user's language). */
export function hygieneRule(rule: unknown): 'closeDatePassed' | 'stale' | 'noNextStep' | 'other' {
  if (rule === 'close date passed') return 'closeDatePassed';
  if (typeof rule === 'string' && rule.startsWith('not updated in')) return 'stale';
  if (rule === 'no next step') return 'noNextStep';
  return 'other';
}

/** The number of days in "not updated in N days". */
export const staleDays = (rule: unknown) => Number(/(\d+)/.exec(String(rule))?.[1] ?? 0);

/** A role's name, or the code when the workspace uses one the UI does not know. */
export function useRoleName() {
  const { t } = useTranslation();
  const tx = useLooseT();
  return useCallback(
    (role: string | null) => (role ? tx(`roles.${role}`, { defaultValue: role }) : t('common.none')),
    [t, tx],
  );
}

/** A finding's headline in the user's language, from its kind and evidence (the API's title is English). */
export function useFindingText() {
  const { t } = useTranslation();
  const tx = useLooseT();
  const fmt = useFormat();
  const { label, definition } = useStageLabels('lead');
  const role = useRoleName();
  return useCallback(
    (f: Finding): string => {
      const e = f.evidence;
      const stage = f.stage ? label(f.stage) : '';
      switch (f.kind) {
        case 'conversion_drop': {
          const stages = byOrder(definition?.stages ?? []).filter((s) => s.path === 'success');
          const at = stages.findIndex((s) => s.key === f.stage);
          const next = stages[at + 1]?.key;
          return t('cockpit.findings.titles.conversion_drop', {
            from: stage,
            to: next ? label(next) : '',
            baseline: fmt.percent(num(e.baselineRate)),
            current: fmt.percent(num(e.currentRate)),
          });
        }
        case 'inventory_buildup': {
          const balance = (e.balance as number[] | undefined) ?? [];
          return t('cockpit.findings.titles.inventory_buildup', {
            stage,
            first: fmt.number(balance[0] ?? 0),
            last: fmt.number(balance.at(-1) ?? 0),
            n: balance.length,
          });
        }
        case 'capacity_overload':
          return t('cockpit.findings.titles.capacity_overload', {
            role: role(f.owningRole),
            demand: fmt.number(Math.round(num(e.demand) * 10) / 10),
            capacity: fmt.number(num(e.capacity)),
            unit: tx(`cockpit.findings.capacityUnits.${f.owningRole}`, {
              defaultValue: t('cockpit.findings.capacityUnits.other'),
            }),
          });
        case 'supply_shortage':
          return t('cockpit.findings.titles.supply_shortage', {
            mqls: fmt.number(num(e.mqls)),
            needed: fmt.number(Math.ceil(num(e.mqlsNeeded))),
          });
        case 'sla_breach':
          return t('cockpit.findings.titles.sla_breach', {
            count: num(e.count),
            n: fmt.number(num(e.count)),
            kind: tx(`cockpit.handoffKinds.${String(e.handoffKind ?? '')}`, { defaultValue: stage }),
            role: role(f.owningRole),
          });
        case 'pipeline_hygiene':
          return tx(`cockpit.findings.hygiene.${hygieneRule(e.rule)}`, {
            n: fmt.number(num(e.deals)),
            days: staleDays(e.rule),
          });
        case 'anomaly':
          return t('cockpit.findings.titles.anomaly', {
            stage,
            n: ((e.outliers as unknown[] | undefined) ?? []).length,
          });
        default:
          return f.title;
      }
    },
    [t, fmt, label, definition, role, tx],
  );
}
