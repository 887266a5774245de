import { lookup as dnsLookup } from 'node:dns/promises';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { DomainError } from '../errors.ts';

/**
 * Where a webhook may not go: loopback, private, link-local (cloud metadata at
 * 169.254.169.254), carrier-grade NAT, multicast, reserved and documentation ranges,
 * and their IPv6 counterparts (IPv4-mapped addresses are checked as IPv4).
 */
const blocked = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  blocked.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const)
  blocked.addSubnet(net, bits, 'ipv6');

/** True for an address a server-side request must never reach. Pure. */
export function isForbiddenAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  if (family === 4) return blocked.check(address, 'ipv4');
  const lower = address.toLowerCase();
  // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible forms reach IPv4 hosts.
  const mapped = /^(?:::ffff:(?:0:)?|::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (mapped) return blocked.check(mapped[1]!, 'ipv4');
  const hexMapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (hexMapped) {
    const hi = Number.parseInt(hexMapped[1]!, 16);
    const lo = Number.parseInt(hexMapped[2]!, 16);
    return blocked.check(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`, 'ipv4');
  }
  return blocked.check(address, 'ipv6');
}

const refuse = (message: string) =>
  new DomainError('invalid_input', `The webhook target is refused: ${message}`, [{ path: 'url', message }]);

/** Checks a URL's shape (pure): http(s) only, no credentials; returns the parsed URL. */
export function parseWebhookUrl(raw: string, options: { allowHttp?: boolean } = {}): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refuse('not an absolute URL; send https://host/path');
  }
  if (url.protocol !== 'https:' && !(options.allowHttp && url.protocol === 'http:'))
    throw refuse(`scheme ${url.protocol} is not allowed; use https`);
  if (url.username || url.password)
    throw refuse('credentials in the URL are not allowed; use a signing secret');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) && isForbiddenAddress(host))
    throw refuse(`${host} is a private, loopback or link-local address`);
  if (/^(localhost|.*\.localhost|.*\.local|.*\.internal)$/i.test(host))
    throw refuse(`${host} is an internal name`);
  return url;
}

export type Resolver = (host: string) => Promise<{ address: string; family: number }[]>;
const systemResolver: Resolver = (host) => dnsLookup(host, { all: true, verbatim: true });

/**
 * Resolves the target and refuses it if any address is forbidden (an attacker's DNS
 * can answer with a public and a private address at once). Returns the addresses.
 */
export async function checkWebhookTarget(
  raw: string,
  options: { allowHttp?: boolean; resolve?: Resolver } = {},
): Promise<{ url: URL; addresses: string[] }> {
  const url = parseWebhookUrl(raw, options);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let found: { address: string }[];
  try {
    found = isIP(host) ? [{ address: host }] : await (options.resolve ?? systemResolver)(host);
  } catch {
    throw refuse(`the host ${host} does not resolve`);
  }
  if (found.length === 0) throw refuse(`the host ${host} does not resolve`);
  const bad = found.find((a) => isForbiddenAddress(a.address));
  if (bad) throw refuse(`${host} resolves to ${bad.address}, a private, loopback or link-local address`);
  return { url, addresses: found.map((a) => a.address) };
}

/**
 * A DNS lookup for http(s).request that refuses forbidden addresses at connection time,
 * so a name that re-resolves to 127.0.0.1 after the check (DNS rebinding) still fails.
 */
export function guardedLookup(resolve: Resolver = systemResolver): LookupFunction {
  return (hostname, _options, callback) => {
    resolve(hostname).then(
      (found) => {
        const ok = found.filter((a) => !isForbiddenAddress(a.address));
        if (ok.length === 0 || ok.length !== found.length) {
          callback(
            Object.assign(new Error(`refused address for ${hostname}`), { code: 'EADDRNOTAVAIL' }),
            '',
            4,
          );
          return;
        }
        callback(null, ok[0]!.address, ok[0]!.family);
      },
      (err: NodeJS.ErrnoException) => callback(err, '', 4),
    );
  };
}

export interface WebhookResponse {
  status: number;
  body: string;
}

/**
 * POSTs JSON to a checked target: the connection goes only to a checked address, a
 * redirect is never followed (a 3xx is returned as the result), and the body read is capped.
 */
export async function postToWebhook(
  raw: string,
  payload: unknown,
  options: {
    timeoutMs?: number;
    headers?: Record<string, string>;
    allowHttp?: boolean;
    resolve?: Resolver;
  } = {},
): Promise<WebhookResponse> {
  const { url } = await checkWebhookTarget(raw, options);
  const body = JSON.stringify(payload);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolvePromise, reject) => {
    const req = send(
      url,
      {
        method: 'POST',
        lookup: guardedLookup(options.resolve),
        timeout: options.timeoutMs ?? 10_000,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...options.headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (text.length < 4096) text += chunk;
        });
        res.on('end', () => resolvePromise({ status: res.statusCode ?? 0, body: text.slice(0, 4096) }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('webhook timed out')));
    req.on('error', reject);
    req.end(body);
  });
}
