import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/format.ts';

/** Time in stage from hours: hours under two days, days after. */
export function useDuration() {
  const { t } = useTranslation();
  const fmt = useFormat();
  return useCallback(
    (hours: number | null) => {
      if (hours === null) return t('common.none');
      if (hours < 48) return t('cockpit.duration.hours', { n: fmt.number(Math.round(hours * 10) / 10) });
      return t('cockpit.duration.days', { n: fmt.number(Math.round((hours / 24) * 10) / 10) });
    },
    [t, fmt],
  );
}
