/** A calendar month (`YYYY-MM`) in the reader's locale, e.g. 2027年1月 / Jan 2027. */
export function monthLabel(locale: string, month: string, style: 'short' | 'long' = 'short'): string {
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: style, timeZone: 'UTC' }).format(
    new Date(`${month}-01T00:00:00Z`),
  );
}
