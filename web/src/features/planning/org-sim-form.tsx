import { Button, Group, NumberInput, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.ts';
import { ErrorState } from '../../app/query-state.tsx';
import { type OrgSimInput, ROLES } from './api.ts';
import { SegmentTable } from './org-sim-segments.tsx';
import { useTyping } from './use-typing.ts';

/** The simulation's inputs: demand and mix by segment, headcount and capacity per role, SLAs. */
export function OrgSimForm({
  input,
  onChange,
  onRun,
  onReset,
  running,
  error,
}: {
  input: OrgSimInput;
  onChange: (input: OrgSimInput) => void;
  onRun: () => void;
  onReset: () => void;
  running: boolean;
  error: unknown;
}) {
  const { t } = useTranslation();
  const errors = error instanceof ApiError ? error.fieldErrors() : {};
  const typing = useTyping();
  const setRole = (group: 'headcount' | 'slaDays', role: (typeof ROLES)[number], v: number | string) =>
    typing.change(`${group}.${role}`, v, (n) =>
      onChange({ ...input, [group]: { ...input[group], [role]: n } }),
    );
  const perMember = [
    { key: 'isHoursPerDay', decimals: 1 },
    { key: 'aeOpenDeals', decimals: 0 },
    { key: 'onbAccounts', decimals: 0 },
  ] as const;

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="org-input-title">
      <Title order={2} size="h4" id="org-input-title">
        {t('planning.orgSim.inputs')}
      </Title>
      <Text size="xs" c="dimmed" mb="md">
        {t('planning.orgSim.inputsHint')}
      </Text>
      <Stack gap="md">
        <SegmentTable input={input} onChange={onChange} errors={errors} />
        <SimpleGrid cols={{ base: 1, md: 3 }} spacing="lg">
          <Stack gap="xs" role="group" aria-label={t('planning.orgSim.headcount')}>
            <Text size="sm" fw={700}>
              {t('planning.orgSim.headcount')}
            </Text>
            {ROLES.map((role) => (
              <NumberInput
                key={role}
                size="xs"
                label={t(`planning.roles.${role}`)}
                suffix={t('planning.orgSim.peopleSuffix')}
                allowDecimal={false}
                clampBehavior="none"
                value={typing.value(`headcount.${role}`, input.headcount[role])}
                onChange={(v) => setRole('headcount', role, v)}
                error={errors[`input.headcount.${role}`]}
                data-testid={`headcount-${role}`}
              />
            ))}
          </Stack>
          <Stack gap="xs" role="group" aria-label={t('planning.orgSim.perMember')}>
            <Text size="sm" fw={700}>
              {t('planning.orgSim.perMember')}
            </Text>
            {perMember.map(({ key, decimals }) => (
              <NumberInput
                key={key}
                size="xs"
                label={t(`planning.orgSim.perMemberFields.${key}`)}
                decimalScale={decimals}
                clampBehavior="none"
                value={typing.value(`perMember.${key}`, input.perMember[key])}
                onChange={(v) =>
                  typing.change(`perMember.${key}`, v, (n) =>
                    onChange({ ...input, perMember: { ...input.perMember, [key]: n } }),
                  )
                }
                error={errors[`input.perMember.${key}`]}
              />
            ))}
          </Stack>
          <Stack gap="xs" role="group" aria-label={t('planning.orgSim.sla')}>
            <Text size="sm" fw={700}>
              {t('planning.orgSim.sla')}
            </Text>
            {ROLES.map((role) => (
              <NumberInput
                key={role}
                size="xs"
                label={t('planning.orgSim.slaFor', { role: t(`planning.roles.${role}`) })}
                suffix={t('planning.orgSim.daysSuffix')}
                decimalScale={1}
                clampBehavior="none"
                value={typing.value(`slaDays.${role}`, input.slaDays[role])}
                onChange={(v) => setRole('slaDays', role, v)}
                error={errors[`input.slaDays.${role}`]}
              />
            ))}
          </Stack>
        </SimpleGrid>
        <Group align="flex-end" gap="sm">
          <NumberInput
            size="xs"
            label={t('planning.orgSim.days')}
            suffix={t('planning.orgSim.daysSuffix')}
            allowDecimal={false}
            clampBehavior="none"
            value={typing.value('days', input.days)}
            onChange={(v) => typing.change('days', v, (n) => onChange({ ...input, days: n }))}
            error={errors['input.days']}
            w={140}
          />
          <NumberInput
            size="xs"
            label={t('planning.probability.seed')}
            allowDecimal={false}
            value={typing.value('seed', input.seed)}
            onChange={(v) => typing.change('seed', v, (n) => onChange({ ...input, seed: n }))}
            error={errors['input.seed']}
            w={110}
          />
          <Button onClick={onRun} loading={running}>
            {t('planning.orgSim.run')}
          </Button>
          <Button variant="default" onClick={onReset}>
            {t('planning.orgSim.reset')}
          </Button>
        </Group>
        {error ? <ErrorState error={error} /> : null}
      </Stack>
    </Paper>
  );
}
