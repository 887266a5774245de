import { Paper, SimpleGrid, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/format.ts';
import type { OnboardingKpis } from './api.ts';

function Kpi({
  label,
  value,
  hint,
  testId,
}: {
  label: string;
  value: string;
  hint?: string;
  testId?: string;
}) {
  return (
    <Paper withBorder p="md" radius="md">
      <Text size="xs" c="dimmed" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700} data-testid={testId}>
        {value}
      </Text>
      {hint ? (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      ) : null}
    </Paper>
  );
}

/** Time to first value and onboarding throughput of the accounts that started in the window. */
export function OnboardingKpiCards({ kpis }: { kpis: OnboardingKpis }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const days = (d: number | null) =>
    d === null ? t('common.none') : t('success.onboarding.days', { days: fmt.number(d) });
  const share = (n: number) => (kpis.started ? fmt.percent(n / kpis.started) : t('common.none'));
  return (
    <SimpleGrid cols={{ base: 2, md: 5 }} spacing="sm" data-testid="onboarding-kpis">
      <Kpi
        label={t('success.onboarding.ttfvMedian')}
        value={days(kpis.ttfvMedianDays)}
        hint={t('success.onboarding.ttfvP90', { days: days(kpis.ttfvP90Days) })}
        testId="kpi-ttfv"
      />
      <Kpi label={t('success.onboarding.started')} value={fmt.number(kpis.started)} testId="kpi-started" />
      <Kpi
        label={t('success.onboarding.reachedFirstValue')}
        value={fmt.number(kpis.reachedFirstValue)}
        hint={share(kpis.reachedFirstValue)}
      />
      <Kpi
        label={t('success.onboarding.completed')}
        value={fmt.number(kpis.completed)}
        hint={share(kpis.completed)}
      />
      <Kpi label={t('success.onboarding.durationMedian')} value={days(kpis.onboardingMedianDays)} />
    </SimpleGrid>
  );
}
