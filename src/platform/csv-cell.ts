/**
 * One CSV cell, quoted when needed, and defused against formula injection: a value a
 * spreadsheet would run (starting with = + - @, a tab or a carriage return) gets a
 * leading apostrophe, as OWASP recommends, so a tracked field such as `=HYPERLINK(…)`
 * is shown as text when an export is opened in Excel.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text =
    value instanceof Date
      ? value.toISOString()
      : typeof value === 'object'
        ? JSON.stringify(value)
        : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n']/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
