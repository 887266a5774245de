import { Group, SegmentedControl, Select, Text } from '@mantine/core';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/format.ts';
import { useLooseT } from './loose-t.ts';
import { GRAINS, type Grain, type Period, PICKER_DEPTH, periodOf, recentPeriods } from './period.ts';

/** A period's name in the user's language: "2026年5月", "2026年度 第1四半期", "FY2026 Q1". */
export function usePeriodName() {
  const { t } = useTranslation();
  const fmt = useFormat();
  return useCallback(
    (p: Period) => {
      if (p.grain === 'month') {
        return new Intl.DateTimeFormat(fmt.locale, {
          year: 'numeric',
          month: 'long',
          timeZone: 'UTC',
        }).format(new Date(`${p.start}T00:00:00Z`));
      }
      if (p.grain === 'fiscal_quarter')
        return t('cockpit.period.quarterName', { fy: p.fiscalYear, q: p.quarter });
      return t('cockpit.period.yearName', { fy: p.fiscalYear });
    },
    [t, fmt.locale],
  );
}

/** The API's period labels (`2026-05`, `FY2026-Q1`, `FY2026`, `2026-Q1`, `2026`) in the user's language. */
export function useApiPeriodName() {
  const { t } = useTranslation();
  const fmt = useFormat();
  return useCallback(
    (label: string) => {
      let m = /^(\d{4})-(\d{2})$/.exec(label);
      if (m) {
        return new Intl.DateTimeFormat(fmt.locale, {
          year: 'numeric',
          month: 'long',
          timeZone: 'UTC',
        }).format(new Date(`${label}-01T00:00:00Z`));
      }
      m = /^(?:FY)?(\d{4})-Q(\d)$/.exec(label);
      if (m) return t('cockpit.period.quarterName', { fy: Number(m[1]), q: Number(m[2]) });
      m = /^(?:FY)?(\d{4})$/.exec(label);
      if (m) return t('cockpit.period.yearName', { fy: Number(m[1]) });
      return /^\d{4}-\d{2}-\d{2}$/.test(label) ? fmt.calendarDate(label) : label;
    },
    [t, fmt],
  );
}

/** Month, fiscal quarter or fiscal year; the current one or one of the periods before it. */
export function PeriodPicker({
  period,
  today,
  fyStart,
  onChange,
  onGrain,
}: {
  period: Period;
  today: string;
  fyStart: number;
  onChange: (p: Period) => void;
  onGrain: (g: Grain) => void;
}) {
  const { t } = useTranslation();
  const tx = useLooseT();
  const fmt = useFormat();
  const name = usePeriodName();
  const options = recentPeriods(period.grain, fyStart, today, PICKER_DEPTH[period.grain]).map((p) => ({
    value: p.start,
    label: p.current ? `${name(p)} ${t('cockpit.period.currentSuffix')}` : name(p),
  }));
  return (
    <Group gap="sm" align="flex-end" wrap="wrap" data-testid="period-picker">
      <div>
        <Text size="sm" fw={500} mb={4} id="cockpit-grain">
          {t('cockpit.period.grain')}
        </Text>
        <SegmentedControl
          aria-labelledby="cockpit-grain"
          value={period.grain}
          onChange={(v) => onGrain(v as Grain)}
          data={GRAINS.map((g) => ({ value: g, label: tx(`cockpit.period.grains.${g}`) }))}
          data-testid="grain-switch"
        />
      </div>
      <Select
        label={t('cockpit.period.label')}
        data={options}
        value={period.start}
        onChange={(v) => v && onChange(periodOf(v, period.grain, fyStart, today))}
        allowDeselect={false}
        w={230}
        data-testid="period-select"
      />
      <Text size="xs" c="dimmed" pb={8} data-testid="period-range">
        {fmt.calendarDate(period.start)} – {fmt.calendarDate(period.to)}
        {period.current ? ` ${t('cockpit.period.toToday')}` : ''}
      </Text>
    </Group>
  );
}
