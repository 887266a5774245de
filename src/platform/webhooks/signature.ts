import { createHmac, timingSafeEqual } from 'node:crypto';

/** The headers a delivery carries. */
export const SIGNATURE_HEADER = 'x-baton-signature';
export const TIMESTAMP_HEADER = 'x-baton-timestamp';
export const DELIVERY_HEADER = 'x-baton-delivery';
export const EVENT_HEADER = 'x-baton-event';

/**
 * HMAC-SHA256 over `<unix seconds>.<raw body>` with the subscription's secret, hex, as
 * `sha256=<hex>`. Signing the timestamp with the body lets a receiver refuse replays.
 */
export function signBody(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver does: recompute, compare in constant time, and refuse old timestamps. */
export function verifySignature(
  secret: string,
  headers: { signature: string; timestamp: string },
  body: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean {
  const ts = Number(headers.timestamp);
  if (!Number.isInteger(ts) || Math.abs(nowSeconds - ts) > toleranceSeconds) return false;
  const expected = Buffer.from(signBody(secret, ts, body));
  const given = Buffer.from(headers.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
