import { request as httpRequest, Agent } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer } from './http-server.js';
import { Router } from './router.js';

const sockets = new Set<Socket>();
const router = new Router().add('POST', '/echo', ({ request, response }) => {
  sockets.add(request.socket);
  request.resume();
  request.on('end', () => response.end('ok'));
});
const server = createHttpServer(router, () => undefined, { allowedHosts: ['127.0.0.1'] });
let port = 0;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function post(agent: Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/echo', agent }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    outgoing.on('error', reject);
    outgoing.end('{}');
  });
}

describe('createHttpServer', () => {
  it('leaves no per-request listener on a kept-alive socket (they piled up: MaxListenersExceeded after 11 calls)', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const before = new Set<number>();
    for (let index = 0; index < 30; index += 1) {
      expect(await post(agent)).toBe(200);
      for (const socket of sockets) before.add(socket.listenerCount('close'));
    }
    agent.destroy();
    // One connection served all 30 calls, and its 'close' listeners stayed flat instead of growing by one per call.
    expect(sockets.size).toBe(1);
    expect(Math.max(...before) - Math.min(...before)).toBeLessThanOrEqual(1);
  });
});
