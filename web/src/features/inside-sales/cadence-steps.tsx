import { ActionIcon, Button, Group, NumberInput, Paper, Select, Stack, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CADENCE_CHANNELS, type CadenceStep } from './api.ts';

/** The steps of a cadence, edited in place: day offset, channel and instructions per step. */
export function CadenceStepsEditor({
  steps,
  onChange,
  errors,
}: {
  steps: CadenceStep[];
  onChange: (steps: CadenceStep[]) => void;
  /** API field errors keyed by path (`steps.1.dayOffset`, `steps`). */
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  const set = (index: number, patch: Partial<CadenceStep>) =>
    onChange(steps.map((s, i) => (i === index ? { ...s, ...patch } : s)));
  const add = () => {
    const last = steps.at(-1);
    onChange([...steps, { dayOffset: last ? last.dayOffset + 2 : 0, channel: 'call', instructions: '' }]);
  };
  return (
    <Stack gap="sm">
      {steps.map((step, i) => {
        const n = i + 1;
        const err = (field: string) => errors[`steps.${i}.${field}`];
        return (
          // Steps have no identity of their own; their position is what the API names in errors.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <Paper key={i} withBorder p="sm" radius="sm" data-testid="cadence-step">
            <Group justify="space-between" mb={6}>
              <Text size="sm" fw={600}>
                {t('insideSales.cadences.stepN', { n })}
              </Text>
              <ActionIcon
                variant="subtle"
                color="red"
                onClick={() => onChange(steps.filter((_, j) => j !== i))}
                disabled={steps.length === 1}
                aria-label={t('insideSales.cadences.removeStep', { n })}
              >
                ×
              </ActionIcon>
            </Group>
            <Group align="flex-start" grow wrap="nowrap">
              <NumberInput
                label={t('insideSales.cadences.dayOffset')}
                min={0}
                max={365}
                allowDecimal={false}
                value={step.dayOffset}
                onChange={(v) => set(i, { dayOffset: typeof v === 'number' ? v : Number(v) || 0 })}
                error={err('dayOffset')}
                maw={180}
              />
              <Select
                label={t('insideSales.cadences.channel')}
                allowDeselect={false}
                data={CADENCE_CHANNELS.map((c) => ({
                  value: c,
                  label: t(`insideSales.cadences.channels.${c}`),
                }))}
                value={step.channel}
                onChange={(v) => v && set(i, { channel: v as CadenceStep['channel'] })}
                error={err('channel')}
                maw={180}
              />
            </Group>
            <Textarea
              mt="xs"
              label={t('insideSales.cadences.instructions')}
              placeholder={t('insideSales.cadences.instructionsPlaceholder')}
              autosize
              minRows={1}
              maxLength={2000}
              value={step.instructions}
              onChange={(e) => set(i, { instructions: e.currentTarget.value })}
              error={err('instructions')}
            />
          </Paper>
        );
      })}
      {errors.steps ? (
        <Text size="sm" c="red" role="alert">
          {errors.steps}
        </Text>
      ) : null}
      <div>
        <Button variant="light" size="xs" onClick={add} disabled={steps.length >= 30}>
          {t('insideSales.cadences.addStep')}
        </Button>
      </div>
    </Stack>
  );
}
