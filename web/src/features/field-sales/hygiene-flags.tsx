import { Badge, Group } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { fetchSettings, pipelineKeys } from './api.ts';
import type { HygieneFlag } from './hygiene-data.ts';

export const FLAG_COLORS: Record<HygieneFlag, string> = {
  close_date_passed: 'red',
  not_updated: 'orange',
  no_next_step: 'yellow',
  phase_dwell_over_norm: 'grape',
};

/** A hygiene problem in words (the staleness rule names the workspace's day count). */
export function useFlagLabel() {
  const { t } = useTranslation();
  const settings = useQuery({ queryKey: pipelineKeys.settings, queryFn: fetchSettings, staleTime: 300_000 });
  const stale = settings.data?.settings.staleAfterDays;
  return (flag: HygieneFlag) =>
    flag === 'not_updated' && stale === undefined
      ? t('fieldSales.flags.stale')
      : t(`fieldSales.flags.${flag}`, { days: stale });
}

export function FlagBadges({ flags }: { flags: HygieneFlag[] }) {
  const label = useFlagLabel();
  return (
    <Group gap={4}>
      {flags.map((f) => (
        <Badge key={f} size="sm" variant="light" color={FLAG_COLORS[f]} data-flag={f} tt="none" maw="none">
          {label(f)}
        </Badge>
      ))}
    </Group>
  );
}
