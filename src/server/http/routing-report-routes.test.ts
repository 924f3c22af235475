/**
 * The routing report route over real HTTP, with a stub report that records the validated query (the report
 * itself is tested in routing/shadow; http/ reaches routing only through its index, which main wires).
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shadowReportSchema, type ShadowReport, type ShadowReportQuery } from '../../contract/index.js';
import { ensureAdminCredential } from '../identity/index.js';
import { createHttpServer } from './http-server.js';
import { buildOpenApiDocument } from './openapi-document.js';
import { Router } from './router.js';
import { addRoutingReportRoutes } from './routing-report-routes.js';

const adminKey = 'pa-routing-report-test-key';
const queries: ShadowReportQuery[] = [];
let url: string;
let close: () => Promise<void>;

beforeAll(async () => {
  // A configured admin key is only hashed: the settings store is never read.
  const settings = {
    get: () => Promise.resolve(undefined),
    set: () => Promise.resolve(),
    setIfAbsent: () => Promise.resolve(true),
    delete: () => Promise.resolve(false),
  };
  const admin = await ensureAdminCredential({ configured: adminKey, settings, announce: () => undefined });
  const router = new Router();
  const report = (query: ShadowReportQuery): Promise<ShadowReport> => {
    queries.push(query);
    return Promise.resolve({
      since: query.since ?? '2026-10-31T00:00:00.000Z',
      until: query.until ?? '2026-11-30T00:00:00.000Z',
      aliases: [],
    });
  };
  addRoutingReportRoutes(router, { admin, report });
  const server = createHttpServer(router, () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => new Promise<void>((resolve) => server.close(() => resolve()));
});
afterAll(() => close());

const get = async (path: string, key: string | null = adminKey) => {
  const response = await fetch(`${url}${path}`, { headers: key === null ? {} : { authorization: `Bearer ${key}` } });
  return { status: response.status, json: await response.json() };
};

describe('GET /api/v1/routing/report', () => {
  it('requires the admin key', async () => {
    expect(await get('/api/v1/routing/report', null)).toMatchObject({
      status: 401,
      json: { error: { code: 'missing_api_key' } },
    });
  });

  it('passes the validated query to the report and answers with it', async () => {
    const since = '2026-11-01T00:00:00.000Z';
    const until = '2026-11-15T00:00:00Z';
    const { status, json } = await get(`/api/v1/routing/report?alias=auto&since=${since}&until=${until}`);
    expect(status).toBe(200);
    expect(shadowReportSchema.parse(json)).toEqual({ since, until, aliases: [] });
    expect(queries.at(-1)).toEqual({ alias: 'auto', since, until });
    expect((await get('/api/v1/routing/report')).status).toBe(200);
    expect(queries.at(-1)).toEqual({});
  });

  it('answers 400 naming the field for a bad since, an until before since, or an unknown parameter', async () => {
    const asked = queries.length;
    expect(await get('/api/v1/routing/report?since=yesterday')).toMatchObject({
      status: 400,
      json: { error: { code: 'invalid_request', param: 'since' } },
    });
    expect(await get('/api/v1/routing/report?since=2026-11-02T00:00:00Z&until=2026-11-01T00:00:00Z')).toMatchObject({
      status: 400,
      json: { error: { param: 'until', message: 'query.until: must be after since' } },
    });
    expect(await get('/api/v1/routing/report?model=auto')).toMatchObject({
      status: 400,
      json: { error: { code: 'invalid_request' } },
    });
    expect(queries).toHaveLength(asked);
  });

  it('is in the OpenAPI document', () => {
    const paths = buildOpenApiDocument().paths as Record<string, { get?: { parameters: { name: string }[] } }>;
    expect(paths['/api/v1/routing/report']?.get?.parameters.map((parameter) => parameter.name)).toEqual([
      'alias',
      'since',
      'until',
    ]);
  });
});
