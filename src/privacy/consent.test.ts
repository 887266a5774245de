import { describe, expect, it } from 'vitest';
import { canContact, emailHash, redactPerson } from './consent.ts';

describe('consent', () => {
  it('uses the recorded answer, else the channel default (email opt-in, phone opt-out)', () => {
    expect(canContact([], 'email')).toBe(false);
    expect(canContact([], 'phone')).toBe(true);
    expect(canContact([{ channel: 'email', status: 'granted' }], 'email')).toBe(true);
    expect(canContact([{ channel: 'phone', status: 'unsubscribed' }], 'phone')).toBe(false);
    expect(canContact([{ channel: 'email', status: 'granted' }], 'email', true)).toBe(false);
  });

  it('hashes the normalised email, so full-width and case variants are suppressed alike', () => {
    expect(emailHash('ＴＡＲＯ@Example.jp ')).toBe(emailHash('taro@example.jp'));
  });

  it('redacts personal fields and keeps the countable ones', () => {
    expect(
      redactPerson({ email: 'a@b.jp', lastName: '山田', lifecycleStage: 'mql', attributes: { x: 1 } }),
    ).toEqual({
      email: null,
      lastName: null,
      lifecycleStage: 'mql',
      attributes: {},
    });
  });
});
