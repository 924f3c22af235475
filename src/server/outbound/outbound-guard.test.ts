import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockedAddressClass } from './address-class.js';
import { createOutboundGuard, type ResolvedAddress } from './outbound-guard.js';

let server: Server;
let port = 0;
const received: { host: string | undefined; body: string }[] = [];

async function readAll(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

beforeAll(async () => {
  server = createServer((request, response) => {
    void readAll(request).then((body) => {
      received.push({ host: request.headers.host, body });
      if (request.url === '/redirect') {
        response.writeHead(302, { location: `http://127.0.0.1:${port}/ok` });
        response.end();
      } else if (request.url === '/big') {
        response.writeHead(200, { 'content-type': 'text/plain' });
        response.end('x'.repeat(1024 * 1024));
      } else {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end('{"ok":true}');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const fakeDns = (answers: Record<string, ResolvedAddress[]>) => (hostname: string) =>
  Promise.resolve(answers[hostname] ?? []);

describe('blockedAddressClass', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.20.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'link-local'],
    ['fd12:3456::1', 'unique-local'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:a9fe:a9fe', 'link-local'],
    ['64:ff9b::7f00:1', 'loopback'],
    ['2002:7f00:1::', 'loopback'],
  ])('%s is %s', (address, name) => {
    expect(blockedAddressClass(address)).toBe(name);
  });

  it.each(['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('%s is public', (address) => {
    expect(blockedAddressClass(address)).toBeUndefined();
  });
});

describe('OutboundGuard.check', () => {
  const guard = createOutboundGuard({
    allow: [],
    resolve: fakeDns({
      'loopback.example': [{ address: '127.0.0.1', family: 4 }],
      'public.example': [{ address: '93.184.216.34', family: 4 }],
    }),
  });

  it.each([
    'http://127.0.0.1:8080/hook',
    'http://[::1]/hook',
    'http://169.254.169.254/latest/meta-data',
    'http://0x7f000001/',
    'http://2130706433/',
    'http://0177.0.0.1/',
    'http://[::ffff:127.0.0.1]/',
    'http://loopback.example/hook',
    'http://nowhere.example/hook',
    'file:///etc/passwd',
    'gopher://public.example/',
  ])('refuses %s, naming the field and no address', async (url) => {
    const refused = guard.check(url, 'callbackUrl');
    await expect(refused).rejects.toMatchObject({ code: 'invalid_request', param: 'callbackUrl' });
    await expect(refused).rejects.toSatisfy(
      (error: Error) => !error.message.includes('127.0.0.1') && error.message.startsWith('callbackUrl: '),
    );
  });

  it('lets a public host through', async () => {
    await expect(guard.check('https://public.example/hook', 'callbackUrl')).resolves.toBeUndefined();
  });

  it('refuses a host when any of its addresses is private', async () => {
    const mixed = createOutboundGuard({
      allow: [],
      resolve: fakeDns({
        'mixed.example': [
          { address: '93.184.216.34', family: 4 },
          { address: '10.0.0.5', family: 4 },
        ],
      }),
    });
    await expect(mixed.check('http://mixed.example/', 'callbackUrl')).rejects.toMatchObject({ param: 'callbackUrl' });
  });

  it('allows what the operator lists: an address, a range, a host name', async () => {
    const allowed = createOutboundGuard({ allow: ['127.0.0.1', 'fd00::/8', 'hooks.internal'], resolve: fakeDns({}) });
    await expect(allowed.check('http://127.0.0.1:9/', 'callbackUrl')).resolves.toBeUndefined();
    await expect(allowed.check('http://[fd00::5]/', 'callbackUrl')).resolves.toBeUndefined();
    await expect(allowed.check('http://hooks.internal/', 'callbackUrl')).resolves.toBeUndefined();
    await expect(allowed.check('http://10.0.0.1/', 'callbackUrl')).rejects.toMatchObject({ param: 'callbackUrl' });
  });

  it('refuses a malformed allow-list entry at start', () => {
    expect(() => createOutboundGuard({ allow: ['10.0.0.0/33'] })).toThrow(/outbound\.allow\.0/);
    expect(() => createOutboundGuard({ allow: ['http://x'] })).toThrow(/outbound\.allow\.0/);
  });
});

describe('OutboundGuard.fetch', () => {
  it('refuses a loopback receiver without the allow-list, reaches it with it', async () => {
    const closed = createOutboundGuard({ allow: [] });
    await expect(closed.fetch(`http://127.0.0.1:${port}/ok`, { method: 'POST', body: '{}' })).rejects.toThrow(
      /loopback/,
    );
    const open = createOutboundGuard({ allow: ['127.0.0.0/8'] });
    const response = await open.fetch(`http://127.0.0.1:${port}/ok`, {
      method: 'POST',
      body: '{"a":1}',
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    expect(received.at(-1)?.body).toBe('{"a":1}');
  });

  it('connects to the address it checked, whatever DNS answers next (rebinding)', async () => {
    // The first answer is checked; a rebinding resolver would answer 127.0.0.1 to the connection's own lookup.
    let calls = 0;
    const rebinding = (hostname: string): Promise<ResolvedAddress[]> => {
      calls += 1;
      return Promise.resolve(
        hostname === 'rebind.example' && calls === 1
          ? [{ address: '127.0.0.1', family: 4 }]
          : [{ address: '10.9.9.9', family: 4 }],
      );
    };
    // 127.0.0.1 allowed: the checked answer is the reachable one; the connection must use it, not ask again.
    const guard = createOutboundGuard({ allow: ['127.0.0.1'], resolve: rebinding });
    const response = await guard.fetch(`http://rebind.example:${port}/ok`, { method: 'POST', body: 'x' });
    expect(response.status).toBe(200);
    expect(calls).toBe(1);
    expect(received.at(-1)?.host).toBe(`rebind.example:${port}`);
  });

  it('follows no redirect and reads a bounded answer', async () => {
    const guard = createOutboundGuard({ allow: ['127.0.0.1'], maxResponseBytes: 1000 });
    const before = received.length;
    const redirected = await guard.fetch(`http://127.0.0.1:${port}/redirect`, { method: 'POST', body: 'x' });
    expect(redirected.status).toBe(302);
    expect(received.length).toBe(before + 1);
    const big = await guard.fetch(`http://127.0.0.1:${port}/big`, { method: 'POST', body: 'x' });
    expect((await big.arrayBuffer()).byteLength).toBe(1000);
  });
});
