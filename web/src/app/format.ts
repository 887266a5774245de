import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from './session.tsx';

const LOCALES = { ja: 'ja-JP', en: 'en-US' } as const;

/**
 * Number, money, rate and date formatters in the user's language, with the workspace's
 * currency and time zone. Every figure on screen goes through these.
 */
export function useFormat() {
  const { i18n } = useTranslation();
  const { workspace } = useSession();
  const locale = LOCALES[i18n.language as keyof typeof LOCALES] ?? LOCALES.ja;
  return useMemo(() => {
    const currency = workspace.currency;
    const timeZone = workspace.timeZone;
    const money = new Intl.NumberFormat(locale, { style: 'currency', currency });
    const number = new Intl.NumberFormat(locale);
    const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
    const date = new Intl.DateTimeFormat(locale, {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    // Calendar dates (YYYY-MM-DD) have no time zone: format them as UTC so they never shift a day.
    const calendarDate = new Intl.DateTimeFormat(locale, {
      timeZone: 'UTC',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    const dateTime = new Intl.DateTimeFormat(locale, {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    return {
      locale,
      currency,
      money: (minorUnits: number) =>
        money.format(minorUnits / 10 ** (money.resolvedOptions().maximumFractionDigits ?? 0)),
      number: (n: number) => number.format(n),
      percent: (rate: number) => percent.format(rate),
      date: (iso: string) => date.format(new Date(iso)),
      dateTime: (iso: string) => dateTime.format(new Date(iso)),
      calendarDate: (day: string) => calendarDate.format(new Date(`${day}T00:00:00Z`)),
    };
  }, [locale, workspace.currency, workspace.timeZone]);
}
