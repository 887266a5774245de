import { Group, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/format.ts';
import type { FactorContribution, HealthFactorKey } from './api.ts';

/** What the factor measured, in words (null: nothing to measure, e.g. no NPS answers yet). */
function useMeasured() {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (f: FactorContribution): string =>
    f.measured === null
      ? t(`success.factors.${f.key}.none`)
      : t(`success.factors.${f.key}.measured`, { value: fmt.number(f.measured) });
}

/**
 * The weighted contributions behind a health score, the largest loss first: each factor's
 * points out of its weight, what it measured and, with the settings in force, its target.
 */
export function HealthFactors({
  factors,
  targets,
}: {
  factors: FactorContribution[];
  targets: Partial<Record<HealthFactorKey, number>> | null;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const measured = useMeasured();
  const points = (n: number) => fmt.number(Math.round(n * 10) / 10);
  return (
    <Stack gap="sm" data-testid="health-factors">
      {factors.map((f) => {
        const lost = f.weight - f.points;
        const target = f.key === 'nps' ? undefined : targets?.[f.key];
        return (
          <div key={f.key} data-testid={`factor-${f.key}`}>
            <Group justify="space-between" gap="xs" wrap="nowrap">
              <Text size="sm" fw={600}>
                {t(`success.factors.${f.key}.label`)}
              </Text>
              <Text size="sm" className="num">
                {t('success.factors.points', { points: points(f.points), weight: f.weight })}
                {lost >= 0.5 ? (
                  <Text span c="red" ml={6} size="sm">
                    {t('success.factors.lost', { points: points(lost) })}
                  </Text>
                ) : null}
              </Text>
            </Group>
            <Progress
              value={f.weight === 0 ? 0 : (f.points / f.weight) * 100}
              color={f.fraction >= 0.75 ? 'teal' : f.fraction >= 0.5 ? 'yellow' : 'red'}
              size="sm"
              mt={4}
              aria-label={t(`success.factors.${f.key}.label`)}
            />
            <Text size="xs" c="dimmed" mt={2}>
              {measured(f)}
              {target !== undefined
                ? ` · ${t(`success.factors.${f.key === 'support_tickets' ? 'zeroAt' : 'fullAt'}`, { target: fmt.number(target) })}`
                : ''}
            </Text>
          </div>
        );
      })}
    </Stack>
  );
}

/** One sentence: why the score is what it is (the two largest losses), or that nothing is lost. */
export function HealthReason({ factors }: { factors: FactorContribution[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const measured = useMeasured();
  const losses = factors.filter((f) => f.weight - f.points >= 1).slice(0, 2);
  if (losses.length === 0) return <Text size="sm">{t('success.factors.allGood')}</Text>;
  return (
    <Text size="sm" data-testid="health-reason">
      {t('success.factors.because')}{' '}
      {losses
        .map((f) =>
          t('success.factors.lossItem', {
            label: t(`success.factors.${f.key}.label`),
            measured: measured(f),
            points: fmt.number(Math.round(f.weight - f.points)),
          }),
        )
        .join(t('success.factors.and'))}
    </Text>
  );
}
