import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/format.ts';

const HOUR = 3_600_000;
const pad = (n: number) => String(n).padStart(2, '0');

/** Time to (or past) an SLA due time: h:mm:ss within a day, days and hours beyond. */
export function useSlaText() {
  const { t } = useTranslation();
  return (ms: number) => {
    const abs = Math.abs(ms);
    if (abs >= 24 * HOUR) {
      return t('insideSales.sla.days', {
        d: Math.floor(abs / (24 * HOUR)),
        h: Math.floor((abs % (24 * HOUR)) / HOUR),
      });
    }
    const s = Math.floor(abs / 1000);
    return `${Math.floor(s / 3600)}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
  };
}

/** A live SLA countdown: time left, or red time overdue once the due time has passed. */
export function SlaTimer({ dueAt, now }: { dueAt: string | null; now: number }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const text = useSlaText();
  if (!dueAt) {
    return (
      <Text size="sm" c="dimmed" data-testid="sla-timer" data-overdue={false}>
        {t('insideSales.sla.none')}
      </Text>
    );
  }
  const left = new Date(dueAt).getTime() - now;
  const overdue = left < 0;
  const color = overdue ? 'red' : left < 2 * HOUR ? 'orange' : undefined;
  return (
    <Text
      size="sm"
      c={color}
      fw={overdue ? 700 : 500}
      className="num"
      ta="left"
      title={t('insideSales.sla.due', { at: fmt.dateTime(dueAt) })}
      data-testid="sla-timer"
      data-overdue={overdue}
    >
      {overdue
        ? t('insideSales.sla.overdue', { time: text(left) })
        : t('insideSales.sla.left', { time: text(left) })}
    </Text>
  );
}
