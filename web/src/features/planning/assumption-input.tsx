import { ActionIcon, Badge, Group, NumberInput, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AssumptionField } from './assumption-fields.ts';

/** Shown values: a rate as a percentage with two decimals, others as they are. */
export function toDisplay(field: AssumptionField, value: number): number {
  if (field.kind === 'rate') return Math.round(value * 10_000) / 100;
  return field.kind === 'money' ? Math.round(value) : Math.round(value * 100) / 100;
}

/** What the API takes: a percentage entered becomes the fraction. */
export function fromDisplay(field: AssumptionField, value: number): number {
  return field.kind === 'rate' ? value / 100 : value;
}

/**
 * One assumption: the value the plan uses, editable in place. Typing overrides the
 * measured value; "reset" returns to it. No client-side clamping: a rate of 150 % goes to
 * the API, whose answer names the assumption.
 */
export function AssumptionInput({
  field,
  label,
  measured,
  value,
  overridden,
  error,
  symbol,
  onChange,
  onReset,
  onBlur,
}: {
  field: AssumptionField;
  label: string;
  measured: string;
  value: number | string;
  overridden: boolean;
  error: string | undefined;
  symbol: string;
  onChange: (value: number | string) => void;
  onReset: () => void;
  onBlur: () => void;
}) {
  const { t } = useTranslation();
  return (
    <NumberInput
      label={
        <Group gap={6} component="span" wrap="nowrap">
          <span>{label}</span>
          {overridden ? (
            <Badge size="xs" variant="light" color="orange" component="span">
              {t('planning.assumptions.overridden')}
            </Badge>
          ) : null}
        </Group>
      }
      description={
        <Text span size="xs">
          {measured}
        </Text>
      }
      value={value}
      onChange={onChange}
      onBlur={onBlur}
      clampBehavior="none"
      hideControls
      decimalScale={field.kind === 'count' || field.kind === 'money' ? 0 : 2}
      thousandSeparator={field.kind === 'money' ? ',' : undefined}
      prefix={field.kind === 'money' ? symbol : undefined}
      suffix={field.kind === 'rate' ? ' %' : undefined}
      error={error}
      size="sm"
      data-testid={`assumption-${field.path}`}
      rightSectionWidth={overridden ? 36 : undefined}
      rightSection={
        overridden ? (
          <Tooltip label={t('planning.assumptions.reset')}>
            <ActionIcon
              variant="subtle"
              size="sm"
              onClick={onReset}
              aria-label={`${t('planning.assumptions.reset')}: ${label}`}
            >
              ↺
            </ActionIcon>
          </Tooltip>
        ) : undefined
      }
    />
  );
}
