import { Badge, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { BandFilter, HealthBand } from './api.ts';

/** Mantine colour of each band (the legend, badges and list accents). */
export const BAND_COLORS: Record<BandFilter, string> = {
  green: 'teal',
  yellow: 'yellow',
  red: 'red',
  unscored: 'gray',
};

/** The same colours as hex for the charts. */
export const BAND_HEX: Record<BandFilter, string> = {
  green: '#12b886',
  yellow: '#f59f00',
  red: '#fa5252',
  unscored: '#adb5bd',
};

/** A health score with its colour band, named in words (colour is never the only cue). */
export function HealthBadge({
  band,
  score,
  size = 'md',
}: {
  band: HealthBand | null;
  score: number | null;
  size?: 'sm' | 'md' | 'lg' | 'xl';
}) {
  const { t } = useTranslation();
  if (band === null || score === null)
    return (
      <Badge variant="outline" color="gray" size={size} tt="none" miw="fit-content">
        {t('success.bands.unscored')}
      </Badge>
    );
  return (
    <Badge
      variant="light"
      color={BAND_COLORS[band]}
      size={size}
      tt="none"
      miw="fit-content"
      data-testid="health-badge"
    >
      {score} · {t(`success.bands.${band}`)}
    </Badge>
  );
}

/** The change against the score a week or more before: an arrow and the points. */
export function TrendArrow({ trend }: { trend: number | null }) {
  const { t } = useTranslation();
  if (trend === null)
    return (
      <Text span size="sm" c="dimmed" aria-label={t('success.trend.none')}>
        —
      </Text>
    );
  const direction = trend > 0 ? 'up' : trend < 0 ? 'down' : 'flat';
  const arrow = { up: '▲', down: '▼', flat: '→' }[direction];
  const color = { up: 'teal', down: 'red', flat: 'dimmed' }[direction];
  return (
    <Text
      span
      size="sm"
      c={color}
      fw={500}
      style={{ whiteSpace: 'nowrap' }}
      aria-label={t(`success.trend.${direction}`, { points: Math.abs(trend) })}
      title={t(`success.trend.${direction}`, { points: Math.abs(trend) })}
    >
      {arrow} {trend > 0 ? `+${trend}` : trend === 0 ? '±0' : `−${Math.abs(trend)}`}
    </Text>
  );
}
