import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { checkWebhookTarget, isForbiddenAddress, parseWebhookUrl, postToWebhook } from './safe-target.ts';

describe('isForbiddenAddress', () => {
  it('refuses loopback, private, link-local, CGNAT, multicast and their IPv6 forms', () => {
    for (const a of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '::1',
      '::',
      'fe80::1',
      'fd00::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '::ffff:a9fe:a9fe',
      'not-an-ip',
    ])
      expect(isForbiddenAddress(a), a).toBe(true);
  });

  it('allows public addresses', () => {
    for (const a of ['8.8.8.8', '1.1.1.1', '172.32.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])
      expect(isForbiddenAddress(a), a).toBe(false);
  });
});

describe('webhook targets', () => {
  it('refuses bad schemes, credentials and internal names before resolving', () => {
    expect(() => parseWebhookUrl('ftp://example.com')).toThrow(/scheme/);
    expect(() => parseWebhookUrl('https://user:pw@example.com')).toThrow(/credentials/);
    expect(() => parseWebhookUrl('https://localhost/hook')).toThrow(/internal/);
    expect(() => parseWebhookUrl('https://[::1]/hook')).toThrow(/private/);
    expect(() => parseWebhookUrl('http://example.com')).toThrow(/scheme/);
    expect(parseWebhookUrl('https://hooks.example.com/x').hostname).toBe('hooks.example.com');
  });

  it('refuses a name that resolves to a private address, even among public ones', async () => {
    const resolve = async () => [
      { address: '93.184.216.34', family: 4 },
      { address: '10.0.0.5', family: 4 },
    ];
    await expect(checkWebhookTarget('https://rebind.example.com/', { resolve })).rejects.toThrow(
      /10\.0\.0\.5/,
    );
    const ok = await checkWebhookTarget('https://ok.example.com/', {
      resolve: async () => [{ address: '93.184.216.34', family: 4 }],
    });
    expect(ok.addresses).toEqual(['93.184.216.34']);
  });

  it('never connects to loopback, even when the check is bypassed by a rebinding resolver', async () => {
    const server = createServer((_req, res) => res.writeHead(302, { location: 'http://127.0.0.1/' }).end());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    let calls = 0;
    // First answer public (passes the check), then loopback at connection time.
    const resolve = async () =>
      calls++ === 0 ? [{ address: '93.184.216.34', family: 4 }] : [{ address: '127.0.0.1', family: 4 }];
    await expect(
      postToWebhook(`http://rebind.example.com:${port}/`, { a: 1 }, { allowHttp: true, resolve }),
    ).rejects.toThrow(/refused address/);
    server.close();
  });
});
