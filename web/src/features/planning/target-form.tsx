import { Group, NumberInput, Paper, Select } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import { useSession } from '../../app/session.tsx';
import type { PlanSlices } from './api.ts';
import { usePlanFormat } from './plan-format.ts';

export interface TargetDraft {
  target: number | null;
  period: string;
  windowMonths: number;
  /** "" for the whole workspace, "segment:…" or "pod:…" (see sliceOfScope). */
  scope: string;
}

/** The whole workspace, each segment leads were counted in, and each POD. */
function useScopeOptions() {
  const { t } = useTranslation();
  const slices = useQuery({ queryKey: ['/plan/slices'], queryFn: () => api<PlanSlices>('/plan/slices') });
  return useMemo(
    () => [
      {
        group: t('planning.target.scopeAll'),
        items: [{ value: '', label: t('planning.target.scopeWorkspace') }],
      },
      ...(slices.data?.segments.length
        ? [
            {
              group: t('planning.target.scopeSegments'),
              items: slices.data.segments.map((s) => ({
                value: `segment:${s}`,
                label: t(`planning.target.segment.${s}`, { defaultValue: s }),
              })),
            },
          ]
        : []),
      ...(slices.data?.pods.length
        ? [
            {
              group: t('planning.target.scopePods'),
              items: slices.data.pods.map((p) => ({ value: `pod:${p.id}`, label: p.name })),
            },
          ]
        : []),
    ],
    [t, slices.data],
  );
}

/** The fiscal year a date falls in, named by the calendar year it starts in (FY2026 = 2026年度). */
export function fiscalYearOf(date: Date, startMonth: number): number {
  return date.getMonth() + 1 >= startMonth ? date.getFullYear() : date.getFullYear() - 1;
}

/** This fiscal year and the next, each whole and by quarter. */
export function usePeriodOptions() {
  const { t } = useTranslation();
  const { workspace } = useSession();
  return useMemo(() => {
    const fy = fiscalYearOf(new Date(), workspace.fiscalYearStartMonth);
    return [fy, fy + 1].map((year) => ({
      group: t('planning.target.fiscalYear', { year }),
      items: [
        { value: `FY${year}`, label: t('planning.target.wholeYear', { year }) },
        ...[1, 2, 3, 4].map((q) => ({
          value: `FY${year}-Q${q}`,
          label: t('planning.target.quarter', { year, quarter: q }),
        })),
      ],
    }));
  }, [t, workspace.fiscalYearStartMonth]);
}

/** What the plan is for: the New MRR to add, over which fiscal period, measured over how long. */
export function TargetForm({
  draft,
  onChange,
  errors,
}: {
  draft: TargetDraft;
  onChange: (draft: TargetDraft) => void;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  const periods = usePeriodOptions();
  const scopes = useScopeOptions();
  const fmt = usePlanFormat();
  return (
    <Paper withBorder p="md" radius="md" mb="lg" component="section" aria-label={t('planning.target.title')}>
      <Group align="flex-start" gap="md">
        <NumberInput
          label={t('planning.target.newMrr')}
          description={t('planning.target.newMrrHint')}
          placeholder={t('planning.target.newMrrPlaceholder')}
          prefix={fmt.currencySymbol}
          thousandSeparator=","
          allowDecimal={false}
          allowNegative={false}
          w={260}
          value={draft.target ?? ''}
          onChange={(v) => onChange({ ...draft, target: typeof v === 'number' && v > 0 ? v : null })}
          error={errors.target}
          data-testid="target-input"
        />
        <Select
          label={t('planning.target.period')}
          description={t('planning.target.periodHint')}
          allowDeselect={false}
          data={periods}
          value={draft.period}
          onChange={(v) => v && onChange({ ...draft, period: v })}
          error={errors.period}
          w={240}
        />
        <NumberInput
          label={t('planning.target.window')}
          description={t('planning.target.windowHint')}
          suffix={t('planning.target.monthsSuffix')}
          min={1}
          max={36}
          allowDecimal={false}
          allowNegative={false}
          w={200}
          value={draft.windowMonths}
          onChange={(v) => typeof v === 'number' && onChange({ ...draft, windowMonths: v })}
          error={errors.windowMonths}
        />
        <Select
          label={t('planning.target.scope')}
          description={t('planning.target.scopeHint')}
          allowDeselect={false}
          data={scopes}
          value={draft.scope}
          onChange={(v) => v !== null && onChange({ ...draft, scope: v })}
          error={errors['slice.value'] ?? errors.slice}
          w={240}
          data-testid="scope-select"
        />
      </Group>
    </Paper>
  );
}
