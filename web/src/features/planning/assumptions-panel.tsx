import { Button, Paper, Stack, Text, Title } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Assumptions, Evidence, Step } from './api.ts';
import {
  ASSUMPTION_FIELDS,
  type AssumptionField,
  type FlatOverrides,
  fieldOfErrorPath,
} from './assumption-fields.ts';
import { AssumptionInput, fromDisplay, toDisplay } from './assumption-input.tsx';
import { type PlanFormat, usePlanFormat } from './plan-format.ts';

const GROUPS = ['rates', 'deal', 'capacity'] as const;

/**
 * The assumptions the plan used, each beside what was measured, each overridable. The
 * API's field errors are shown on the assumption they name.
 */
export function AssumptionsPanel({
  used,
  measured,
  evidence,
  overrides,
  onOverrides,
  errorPaths,
}: {
  used: Assumptions | undefined;
  measured: Assumptions | undefined;
  evidence: Evidence | undefined;
  overrides: FlatOverrides;
  onOverrides: (next: FlatOverrides) => void;
  errorPaths: { path: string; message: string }[];
}) {
  const { t } = useTranslation();
  const fmt = usePlanFormat();
  // What is being typed, so clearing a field to retype does not snap back to the measured value.
  const [typing, setTyping] = useState<Record<string, number | string>>({});
  const errors: Record<string, string> = {};
  for (const e of errorPaths) {
    const field = fieldOfErrorPath(e.path);
    if (field) errors[field.path] ??= e.message;
  }
  const change = (field: AssumptionField, v: number | string) => {
    setTyping((s) => ({ ...s, [field.path]: v }));
    const { [field.path]: _, ...rest } = overrides;
    onOverrides(typeof v === 'number' ? { ...rest, [field.path]: fromDisplay(field, v) } : rest);
  };
  const reset = (field: AssumptionField) => {
    setTyping(({ [field.path]: _, ...s }) => s);
    const { [field.path]: _, ...rest } = overrides;
    onOverrides(rest);
  };
  const resetAll = () => {
    setTyping({});
    onOverrides({});
  };
  const shownValue = (field: AssumptionField): number | string => {
    const typed = typing[field.path];
    if (typed !== undefined) return typed;
    if (field.path in overrides) return toDisplay(field, overrides[field.path]!);
    return used ? toDisplay(field, field.get(used)) : '';
  };

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="assumptions-title">
      <Title order={2} size="h4" id="assumptions-title">
        {t('planning.assumptions.title')}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {evidence
          ? t('planning.assumptions.window', {
              from: fmt.date(evidence.window.from),
              to: fmt.date(evidence.window.to),
            })
          : t('planning.assumptions.hint')}
      </Text>
      <Stack gap="lg">
        {GROUPS.map((group) => (
          <Stack key={group} gap="xs" role="group" aria-label={t(`planning.assumptions.groups.${group}`)}>
            <Text size="sm" fw={700}>
              {t(`planning.assumptions.groups.${group}`)}
            </Text>
            {ASSUMPTION_FIELDS.filter((f) => f.group === group).map((field) => (
              <AssumptionInput
                key={field.path}
                field={field}
                label={t(`planning.fields.${field.path}`)}
                measured={measuredText(field, measured, evidence, fmt, t)}
                value={shownValue(field)}
                overridden={field.path in overrides}
                error={errors[field.path]}
                symbol={fmt.currencySymbol}
                onChange={(v) => change(field, v)}
                onReset={() => reset(field)}
                onBlur={() => typing[field.path] === '' && reset(field)}
              />
            ))}
          </Stack>
        ))}
        {Object.keys(overrides).length > 0 ? (
          <Button variant="default" size="xs" onClick={resetAll}>
            {t('planning.assumptions.resetAll')}
          </Button>
        ) : null}
      </Stack>
    </Paper>
  );
}

type T = TFunction;

/** "Measured 20 % (20 of 100)": the workspace's own number and its evidence. */
function measuredText(
  field: AssumptionField,
  measured: Assumptions | undefined,
  evidence: Evidence | undefined,
  fmt: PlanFormat,
  t: T,
): string {
  const none = t('common.none');
  if (field.kind === 'rate' && evidence) {
    const step = field.path.slice('rates.'.length) as Step;
    if (step === 'opportunity_to_won') {
      const { won, lost } = evidence.wins;
      return t('planning.assumptions.measuredWinRate', {
        value: won + lost > 0 ? fmt.percent(won / (won + lost)) : none,
        won,
        lost,
      });
    }
    const { entered, reached } = evidence.steps[step];
    return t('planning.assumptions.measuredRate', {
      value: entered > 0 ? fmt.percent(reached / entered) : none,
      entered,
      reached,
    });
  }
  if (!measured) return t('planning.assumptions.measuredUnknown');
  const value = field.get(measured);
  const shown =
    field.kind === 'money'
      ? fmt.money(value)
      : field.kind === 'count'
        ? fmt.number(value)
        : fmt.decimal(value);
  return t('planning.assumptions.measured', { value: shown });
}
