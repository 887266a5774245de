import { describe, expect, it } from 'vitest';
import { ApiError } from './api.ts';
import { makeFormatters } from './formatters.ts';

describe('formatters', () => {
  it('shows JPY in yen without decimals, in the user locale', () => {
    expect(makeFormatters('ja-JP', 'JPY', 'Asia/Tokyo').money(1_234_567)).toBe('￥1,234,567');
    expect(makeFormatters('en-US', 'JPY', 'Asia/Tokyo').money(1_234_567)).toBe('¥1,234,567');
  });

  it('reads money as minor units of the currency', () => {
    expect(makeFormatters('en-US', 'USD', 'UTC').money(123_456)).toBe('$1,234.56');
  });

  it('shows rates as percentages', () => {
    expect(makeFormatters('ja-JP', 'JPY', 'Asia/Tokyo').percent(0.125)).toBe('12.5%');
    expect(makeFormatters('en-US', 'JPY', 'Asia/Tokyo').percent(0.4)).toBe('40%');
  });

  it('shows instants in the workspace time zone and calendar dates unshifted', () => {
    const f = makeFormatters('ja-JP', 'JPY', 'Asia/Tokyo');
    expect(f.date('2026-03-31T16:00:00Z')).toBe('2026/04/01');
    expect(f.calendarDate('2026-04-01')).toBe('2026/04/01');
    expect(makeFormatters('en-US', 'JPY', 'America/Los_Angeles').calendarDate('2026-04-01')).toBe(
      '04/01/2026',
    );
  });
});

describe('ApiError', () => {
  it('maps the API field paths to form fields', () => {
    const err = new ApiError(400, 'invalid_input', 'bad', [
      { path: 'body.cost', message: 'too small' },
      { path: 'endsOn', message: 'before start' },
      { path: 'body.cost', message: 'second message' },
    ]);
    expect(err.fieldErrors()).toEqual({ cost: 'too small', endsOn: 'before start' });
  });
});
