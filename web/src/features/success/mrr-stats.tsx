import { Paper, SimpleGrid, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/format.ts';
import type { MrrPeriod } from './api.ts';

function Stat({
  label,
  value,
  hint,
  testId,
}: {
  label: string;
  value: string;
  hint: string;
  testId: string;
}) {
  return (
    <Paper withBorder p="md" radius="md">
      <Text size="xs" c="dimmed" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700} className="num" ta="left" data-testid={testId}>
        {value}
      </Text>
      <Text size="xs" c="dimmed">
        {hint}
      </Text>
    </Paper>
  );
}

/** The retention figures of one period: NRR, GRR, logo churn, and where MRR and ARR ended. */
export function MrrStats({ period, label }: { period: MrrPeriod; label: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const rate = (r: number | null) => (r === null ? t('common.none') : fmt.percent(r));
  const noStart = t('success.mrr.noStart');
  return (
    <SimpleGrid cols={{ base: 2, md: 5 }} spacing="sm" data-testid="mrr-stats">
      <Stat
        label={t('success.mrr.nrr')}
        value={rate(period.nrr)}
        hint={period.nrr === null ? noStart : t('success.mrr.nrrHint', { period: label })}
        testId="stat-nrr"
      />
      <Stat
        label={t('success.mrr.grr')}
        value={rate(period.grr)}
        hint={period.grr === null ? noStart : t('success.mrr.grrHint', { period: label })}
        testId="stat-grr"
      />
      <Stat
        label={t('success.mrr.logoChurn')}
        value={rate(period.logoChurnRate)}
        hint={t('success.mrr.logoChurnHint', {
          churned: fmt.number(period.logosChurned),
          start: fmt.number(period.logosStart),
        })}
        testId="stat-logo-churn"
      />
      <Stat
        label={t('success.mrr.endMrr')}
        value={fmt.money(period.end)}
        hint={t('success.mrr.customers', { n: fmt.number(period.logosEnd) })}
        testId="stat-mrr"
      />
      <Stat
        label={t('success.mrr.arr')}
        value={fmt.money(period.arr)}
        hint={t('success.mrr.arrHint')}
        testId="stat-arr"
      />
    </SimpleGrid>
  );
}
