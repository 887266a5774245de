import { NumberInput, Paper, Select, SimpleGrid, Stack, Switch, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { GRADES, type Grade, type ScoringRules } from './api.ts';

/** Half-life, the MQL rule and the grade thresholds. */
export function ScoringMqlCard({
  rules,
  onChange,
}: {
  rules: ScoringRules;
  onChange: (rules: ScoringRules) => void;
}) {
  const { t } = useTranslation();
  const num = (v: string | number, fallback: number) => (typeof v === 'number' ? v : fallback);
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      <Paper withBorder p="md" radius="md">
        <Title order={2} size="h4" mb="sm">
          {t('setup.scoring.sections.mql')}
        </Title>
        <Stack gap="sm">
          <NumberInput
            label={t('setup.scoring.minEngagement')}
            min={0}
            max={100_000}
            value={rules.mql.minEngagement}
            onChange={(v) =>
              onChange({ ...rules, mql: { ...rules.mql, minEngagement: num(v, rules.mql.minEngagement) } })
            }
          />
          <Select
            label={t('setup.scoring.minGrade')}
            data={[...GRADES]}
            allowDeselect={false}
            value={rules.mql.minGrade}
            onChange={(v) => v && onChange({ ...rules, mql: { ...rules.mql, minGrade: v as Grade } })}
          />
          <Switch
            label={t('setup.scoring.handRaise')}
            checked={rules.mql.handRaise}
            onChange={(e) =>
              onChange({ ...rules, mql: { ...rules.mql, handRaise: e.currentTarget.checked } })
            }
          />
          <NumberInput
            label={t('setup.scoring.halfLife')}
            description={t('setup.scoring.halfLifeHint')}
            min={1}
            max={3650}
            decimalScale={1}
            value={rules.halfLifeDays}
            onChange={(v) => onChange({ ...rules, halfLifeDays: num(v, rules.halfLifeDays) })}
          />
        </Stack>
      </Paper>
      <Paper withBorder p="md" radius="md">
        <Title order={2} size="h4" mb="sm">
          {t('setup.scoring.sections.grades')}
        </Title>
        <Stack gap="sm">
          {(['A', 'B', 'C'] as const).map((g) => (
            <NumberInput
              key={g}
              label={t('setup.scoring.gradeMin', { grade: g })}
              min={-1000}
              max={1000}
              value={rules.grades[g]}
              onChange={(v) =>
                onChange({ ...rules, grades: { ...rules.grades, [g]: num(v, rules.grades[g]) } })
              }
            />
          ))}
          <Text size="xs" c="dimmed">
            {`D < ${rules.grades.C}`}
          </Text>
        </Stack>
      </Paper>
    </SimpleGrid>
  );
}
