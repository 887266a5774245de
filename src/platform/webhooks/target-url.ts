import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { DomainError } from '../errors.ts';

const bad = (message: string) => new DomainError('invalid_input', message, [{ path: 'url', message }]);

/** Shape rules every webhook URL must meet: http(s), a host, no credentials in it. */
export function checkTargetShape(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw bad('The webhook URL is not a valid absolute URL (e.g. https://example.com/hooks/baton).');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw bad(`Webhook URLs must use https or http, not ${url.protocol.replace(':', '')}.`);
  if (url.username || url.password)
    throw bad('Put no user name or password in the webhook URL; verify the signature instead.');
  return url;
}

/** Loopback, private, link-local, CGNAT, unspecified and multicast ranges (IPv4 and IPv6). */
export function isPrivateAddress(ip: string): boolean {
  const v4 = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
  if (isIP(v4) === 4) {
    const [a = 0, b = 0] = v4.split('.').map(Number);
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      a >= 224 ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168)
    );
  }
  const v6 = ip.toLowerCase();
  return (
    v6 === '::' ||
    v6 === '::1' ||
    v6.startsWith('fc') ||
    v6.startsWith('fd') ||
    v6.startsWith('fe80') ||
    v6.startsWith('ff')
  );
}

/**
 * A minimal server-side request forgery guard: the host must resolve only to public
 * addresses. Checked when a subscription is saved and again before every delivery
 * (DNS can change). `allowPrivate` is for tests and on-premise installs.
 */
export async function checkTarget(raw: string, allowPrivate: boolean): Promise<URL> {
  const url = checkTargetShape(raw);
  if (allowPrivate) return url;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host)
    ? [host]
    : (await lookup(host, { all: true }).catch(() => [])).map((a) => a.address);
  if (addresses.length === 0) throw bad(`The webhook host "${host}" does not resolve.`);
  if (addresses.some(isPrivateAddress))
    throw bad(`The webhook host "${host}" resolves to a private or loopback address; use a public endpoint.`);
  return url;
}
