import { useMemo } from 'react';
import { useFormat } from '../../app/format.ts';

/**
 * The app's formatters plus what planning shows: volumes with one decimal (a plan needs
 * 12.5 SQLs a month, not 12 or 13), signed money for lever effects and months by name.
 */
export function usePlanFormat() {
  const fmt = useFormat();
  return useMemo(() => {
    const volume = new Intl.NumberFormat(fmt.locale, { maximumFractionDigits: 1 });
    const signed = new Intl.NumberFormat(fmt.locale, { signDisplay: 'exceptZero' });
    const decimal = new Intl.NumberFormat(fmt.locale, { maximumFractionDigits: 2 });
    const signedMoney = new Intl.NumberFormat(fmt.locale, {
      style: 'currency',
      currency: fmt.currency,
      signDisplay: 'exceptZero',
    });
    const compactMoney = new Intl.NumberFormat(fmt.locale, {
      style: 'currency',
      currency: fmt.currency,
      notation: 'compact',
      maximumFractionDigits: 1,
    });
    const month = new Intl.DateTimeFormat(fmt.locale, { timeZone: 'UTC', year: 'numeric', month: 'short' });
    const minor =
      10 **
      (new Intl.NumberFormat(fmt.locale, { style: 'currency', currency: fmt.currency }).resolvedOptions()
        .maximumFractionDigits ?? 0);
    const symbol =
      new Intl.NumberFormat(fmt.locale, { style: 'currency', currency: fmt.currency })
        .formatToParts(0)
        .find((p) => p.type === 'currency')?.value ?? fmt.currency;
    return {
      ...fmt,
      currencySymbol: symbol,
      volume: (n: number) => volume.format(n),
      decimal: (n: number) => decimal.format(n),
      signed: (n: number) => signed.format(n),
      signedMoney: (minorUnits: number) => signedMoney.format(minorUnits / minor),
      compactMoney: (minorUnits: number) => compactMoney.format(minorUnits / minor),
      /** `2026-04` → "2026年4月" / "Apr 2026". */
      month: (m: string) => month.format(new Date(`${m}-01T00:00:00Z`)),
    };
  }, [fmt]);
}

export type PlanFormat = ReturnType<typeof usePlanFormat>;
