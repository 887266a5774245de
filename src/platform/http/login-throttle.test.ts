import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './login-throttle.ts';

describe('LoginThrottle', () => {
  it('refuses after five failures per email and address, until the window passes', () => {
    const t = new LoginThrottle(5, 60_000);
    const key = LoginThrottle.key('Taro@Example.jp', '1.2.3.4');
    for (let i = 0; i < 5; i++) {
      expect(t.retryAfter(key, 1000 + i)).toBe(0);
      t.fail(key, 1000 + i);
    }
    expect(t.retryAfter(key, 2000)).toBe(59);
    expect(t.retryAfter(LoginThrottle.key('taro@example.jp', '5.6.7.8'), 2000)).toBe(0);
    expect(t.retryAfter(key, 61_001)).toBe(0);
  });

  it('forgets failures after a success', () => {
    const t = new LoginThrottle(2, 60_000);
    const key = LoginThrottle.key('a@b.jp', '::1');
    t.fail(key, 0);
    t.succeed(key);
    t.fail(key, 1);
    expect(t.retryAfter(key, 2)).toBe(0);
  });
});
