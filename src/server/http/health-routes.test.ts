/** /healthz answers from memory; /readyz asks each dependency within a bound and names states, not addresses. */
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { PodiumError } from '../../contract/index.js';
import { addHealthRoutes, type HealthRouteOptions } from './health-routes.js';
import { createHttpServer } from './http-server.js';
import { Router } from './router.js';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function serve(options: HealthRouteOptions): Promise<string> {
  const router = new Router();
  addHealthRoutes(router, options);
  const server = createHttpServer(router, () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  close = () => new Promise((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const read = async (url: string) => {
  const response = await fetch(url);
  return { status: response.status, cacheControl: response.headers.get('cache-control'), text: await response.text() };
};

const down = () =>
  Promise.reject(
    new PodiumError('store_unavailable', 'The database is unreachable; retry later.', {
      cause: new Error('connect ECONNREFUSED 10.0.0.7:5432'),
    }),
  );

describe('health routes', () => {
  it('reports ready when every dependency answers', async () => {
    const url = await serve({
      liveness: { store: 'postgres' },
      probes: { store: { required: true, check: () => Promise.resolve() } },
    });
    const ready = await read(`${url}/readyz`);
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.text)).toMatchObject({
      status: 'ready',
      dependencies: { store: { status: 'up', required: true } },
    });
    expect(ready.cacheControl).toBe('no-store');
    expect(JSON.parse((await read(`${url}/healthz`)).text)).toEqual({ status: 'ok', store: 'postgres' });
  });

  it('is not ready when a required dependency is down, and says why without the address', async () => {
    let checks = 0;
    const url = await serve({
      liveness: { store: 'postgres' },
      probes: {
        store: {
          required: true,
          check: () => {
            checks += 1;
            return down();
          },
        },
      },
    });
    const health = await read(`${url}/healthz`);
    expect(health.status).toBe(200);
    const ready = await read(`${url}/readyz`);
    expect(ready.status).toBe(503);
    expect(JSON.parse(ready.text)).toMatchObject({
      status: 'not_ready',
      dependencies: { store: { status: 'down', reason: 'store_unavailable' } },
    });
    expect(ready.text).not.toMatch(/10\.0\.0\.7|5432|ECONNREFUSED/);
    expect(checks).toBe(1);
  });

  it('bounds a probe that never answers, and degrades only for an optional dependency', async () => {
    const url = await serve({
      liveness: {},
      timeoutMs: 30,
      probes: {
        store: { required: true, check: () => Promise.resolve() },
        redis: { required: false, check: () => new Promise(() => undefined) },
      },
    });
    const started = Date.now();
    const ready = await read(`${url}/readyz`);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.text)).toMatchObject({
      status: 'degraded',
      dependencies: { store: { status: 'up' }, redis: { status: 'down', reason: 'timeout', required: false } },
    });
  });

  it('shares one probe round between concurrent requests', async () => {
    let checks = 0;
    let answer: () => void = () => undefined;
    const url = await serve({
      liveness: {},
      probes: {
        store: {
          required: true,
          check: () => {
            checks += 1;
            return new Promise<void>((resolve) => (answer = resolve));
          },
        },
      },
    });
    const replies = Promise.all([read(`${url}/readyz`), read(`${url}/readyz`), read(`${url}/readyz`)]);
    while (checks === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, 20));
    answer();
    expect((await replies).map((reply) => reply.status)).toEqual([200, 200, 200]);
    expect(checks).toBe(1);
  });
});
