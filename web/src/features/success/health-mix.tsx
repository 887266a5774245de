import { Group, Paper, SimpleGrid, Stack, Text, UnstyledButton } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Chart } from '../../app/chart.tsx';
import { useFormat } from '../../app/format.ts';
import { BAND_FILTERS, type BandFilter, type CustomerSummary } from './api.ts';
import { BAND_COLORS, BAND_HEX } from './health-badge.tsx';

const range = (
  b: Exclude<BandFilter, 'unscored'>,
  { redMax, yellowMax }: { redMax: number; yellowMax: number },
) => ({ red: `0–${redMax}`, yellow: `${redMax + 1}–${yellowMax}`, green: `${yellowMax + 1}–100` })[b];

/**
 * The health mix of the accounts in view: a donut of accounts per band and, beside it,
 * each band's accounts, share and MRR; a band (slice or row) filters the list below.
 */
export function HealthMix({
  summary,
  band,
  onBand,
  thresholds,
}: {
  summary: CustomerSummary;
  band: BandFilter | null;
  onBand: (band: BandFilter | null) => void;
  /** The score thresholds in force, for the ranges beside the bands. */
  thresholds: { redMax: number; yellowMax: number } | null;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const shown = BAND_FILTERS.filter((b) => b !== 'unscored' || summary.bands.unscored.accounts > 0);
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'item' },
      series: [
        {
          type: 'pie',
          radius: ['55%', '82%'],
          avoidLabelOverlap: true,
          label: { show: false },
          // No accounts: an empty grey ring rather than equal slices of nothing.
          silent: summary.total.accounts === 0,
          data:
            summary.total.accounts === 0
              ? [{ name: '', value: 1, itemStyle: { color: '#e9ecef' } }]
              : shown.map((b) => ({
                  name: t(`success.bands.${b}`),
                  value: summary.bands[b].accounts,
                  band: b,
                  itemStyle: { color: BAND_HEX[b] },
                })),
        },
      ],
      title: {
        text: fmt.number(summary.total.accounts),
        subtext: t('success.health.accounts'),
        left: 'center',
        top: '38%',
        textStyle: { fontSize: 22 },
      },
    }),
    [summary, shown, t, fmt],
  );
  const share = (n: number) => (summary.total.accounts ? n / summary.total.accounts : 0);
  return (
    <Paper withBorder p="md" radius="md" data-testid="health-mix">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <Chart
          option={option}
          height={200}
          label={t('success.health.mixLabel')}
          onClick={(p) => {
            const data = p.data as { band?: BandFilter };
            if (data.band) onBand(band === data.band ? null : data.band);
          }}
        />
        <Stack gap={6} justify="center">
          {shown.map((b) => (
            <UnstyledButton
              key={b}
              onClick={() => onBand(band === b ? null : b)}
              aria-pressed={band === b}
              data-testid={`mix-${b}`}
              p={6}
              style={{
                borderRadius: 6,
                background: band === b ? `var(--mantine-color-${BAND_COLORS[b]}-0)` : undefined,
              }}
            >
              <Group justify="space-between" wrap="nowrap">
                <Group gap={8} wrap="nowrap">
                  <span
                    aria-hidden
                    style={{
                      width: 10,
                      height: 10,
                      borderRadius: 5,
                      background: BAND_HEX[b],
                      display: 'inline-block',
                    }}
                  />
                  <Text size="sm" fw={600}>
                    {t(`success.bands.${b}`)}
                  </Text>
                  {thresholds && b !== 'unscored' ? (
                    <Text size="xs" c="dimmed">
                      {range(b, thresholds)}
                    </Text>
                  ) : null}
                </Group>
                <Text size="sm" className="num" data-testid={`mix-${b}-count`}>
                  {t('success.health.accountCount', { n: fmt.number(summary.bands[b].accounts) })} ·{' '}
                  {fmt.percent(share(summary.bands[b].accounts))} · {fmt.money(summary.bands[b].mrr)}
                </Text>
              </Group>
            </UnstyledButton>
          ))}
          <Text size="xs" c="dimmed" mt={4}>
            {t('success.health.totalMrr', { mrr: fmt.money(summary.total.mrr) })}
          </Text>
        </Stack>
      </SimpleGrid>
    </Paper>
  );
}
