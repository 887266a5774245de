/** Number, money, rate and date formatters for one locale, currency and time zone. */
export function makeFormatters(locale: string, currency: string, timeZone: string) {
  const money = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const minorDigits = money.resolvedOptions().maximumFractionDigits ?? 0;
  const number = new Intl.NumberFormat(locale);
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const day = { year: 'numeric', month: '2-digit', day: '2-digit' } as const;
  const date = new Intl.DateTimeFormat(locale, { timeZone, ...day });
  // Calendar dates (YYYY-MM-DD) have no time zone: format them as UTC so they never shift a day.
  const calendarDate = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', ...day });
  const dateTime = new Intl.DateTimeFormat(locale, { timeZone, ...day, hour: '2-digit', minute: '2-digit' });
  return {
    locale,
    currency,
    /** Money is stored in the currency's minor unit (yen for JPY, cents for USD). */
    money: (minorUnits: number) => money.format(minorUnits / 10 ** minorDigits),
    number: (n: number) => number.format(n),
    /** A rate as a fraction (0.125 → 12.5 %). */
    percent: (rate: number) => percent.format(rate),
    date: (iso: string) => date.format(new Date(iso)),
    dateTime: (iso: string) => dateTime.format(new Date(iso)),
    calendarDate: (isoDay: string) => calendarDate.format(new Date(`${isoDay}T00:00:00Z`)),
  };
}

export type Formatters = ReturnType<typeof makeFormatters>;
