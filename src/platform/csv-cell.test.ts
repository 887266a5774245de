import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, csvLine } from './csv-cell.ts';

describe('csvCell', () => {
  it('defuses spreadsheet formulas', () => {
    for (const f of ['=1+1', '+cmd', '-2+3', '@SUM(A1)', '\t=1', '\r=1', '=HYPERLINK("http://x")'])
      expect(csvCell(f).replace(/^"/, '').startsWith("'")).toBe(true);
  });

  it('quotes separators, quotes and newlines', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvLine(['山田', 3, null, true])).toBe('山田,3,,true\r\n');
  });

  it('never lets a cell start a formula, whatever the input', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const cell = csvCell(s);
        const unquoted = cell.startsWith('"') ? cell.slice(1) : cell;
        expect(/^[=+\-@\t\r]/.test(unquoted)).toBe(false);
      }),
    );
  });
});
