/** The audit routes over real HTTP, on the in-memory audit store filled through the real writer. */
import { generateKeyPairSync } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditCheckpointSchema,
  auditEntryPageSchema,
  auditHeadSchema,
  auditPublicKeySchema,
  listOf,
  type StoredAuditEntry,
} from '../../contract/index.js';
import {
  createAuditLog,
  createCheckpointSigner,
  createMemoryAuditStore,
  verifyAuditLog,
} from '../governance/audit/index.js';
import { ensureAdminCredential } from '../identity/index.js';
import { addAuditRoutes } from './audit-routes.js';
import { auditOpenApiPaths } from './audit-openapi-paths.js';
import { createHttpServer } from './http-server.js';
import { Router } from './router.js';

const adminKey = 'pa-audit-routes-test-key';
const signer = createCheckpointSigner(generateKeyPairSync('ed25519').privateKey);
const store = createMemoryAuditStore();
let url: string;
let close: () => Promise<void>;

beforeAll(async () => {
  const log = createAuditLog({ store, signer, checkpointEvery: 10 });
  await Promise.all(
    Array.from({ length: 25 }, (_, index) =>
      log.append({ tenant: 'org_a', kind: 'decision', actor: 'key_1', subject: `req_${index}`, payload: { index } }),
    ),
  );
  await log.append({
    tenant: 'org_b',
    kind: 'config',
    actor: 'admin',
    subject: 'podium.yaml',
    payload: { changed: ['budgets'] },
  });
  await log.close();

  // A configured admin key is only hashed: the settings store is never read.
  const settings = {
    get: () => Promise.resolve(undefined),
    set: () => Promise.resolve(),
    setIfAbsent: () => Promise.resolve(true),
    delete: () => Promise.resolve(false),
  };
  const admin = await ensureAdminCredential({ configured: adminKey, settings, announce: () => undefined });
  const router = new Router();
  addAuditRoutes(router, { admin, audit: store, publicKey: { keyId: signer.keyId, publicKey: signer.publicKeyPem } });
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

describe('audit routes', () => {
  it('require the admin key', async () => {
    for (const path of [
      '/api/v1/audit/entries?tenant=org_a',
      '/api/v1/audit/heads',
      '/api/v1/audit/checkpoints',
      '/api/v1/audit/public-key',
    ]) {
      expect(await get(path, null), path).toMatchObject({ status: 401, json: { error: { code: 'missing_api_key' } } });
      expect(await get(path, 'pa-wrong'), path).toMatchObject({ status: 401 });
    }
  });

  it('page through a chain with after and limit, nextAfter null on the last page, so the CLI verifies it', async () => {
    const pages: StoredAuditEntry[][] = [];
    let after: number | null = 0;
    while (after !== null) {
      const { status, json } = await get(`/api/v1/audit/entries?tenant=org_a&after=${after}&limit=10`);
      expect(status).toBe(200);
      const page = auditEntryPageSchema.parse(json);
      pages.push(page.data);
      after = page.nextAfter;
    }
    expect(pages.map((page) => page.map((entry) => entry.seq))).toEqual([
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      [11, 12, 13, 14, 15, 16, 17, 18, 19, 20],
      [21, 22, 23, 24, 25],
    ]);
    expect(pages.flat()).toEqual(store.entriesOf('org_a'));

    const checkpoints = listOf(auditCheckpointSchema).parse(
      (await get('/api/v1/audit/checkpoints?tenant=org_a')).json,
    ).data;
    const { publicKey } = auditPublicKeySchema.parse((await get('/api/v1/audit/public-key')).json);
    const report = await verifyAuditLog({ entries: pages.flat(), checkpoints, publicKeys: [signer.publicKey] });
    expect(report).toMatchObject({ ok: true, entries: 25, checkpoints: { matched: 1 } });
    expect(publicKey).toBe(signer.publicKeyPem);
  });

  it('list every head and every stored checkpoint', async () => {
    const heads = listOf(auditHeadSchema).parse((await get('/api/v1/audit/heads')).json).data;
    expect(heads.map((head) => [head.tenant, head.seq])).toEqual([
      ['org_a', 25],
      ['org_b', 1],
    ]);
    const checkpoints = listOf(auditCheckpointSchema).parse((await get('/api/v1/audit/checkpoints')).json).data;
    expect(checkpoints).toEqual(await store.checkpoints());
    expect(checkpoints.map((checkpoint) => [checkpoint.tenant, checkpoint.seq])).toEqual([
      ['org_a', 25],
      ['org_b', 1],
    ]);
  });

  it('answer 400 naming the field for a missing tenant, a bad after or limit, or an unknown parameter', async () => {
    const cases: [string, string][] = [
      ['/api/v1/audit/entries', 'tenant'],
      ['/api/v1/audit/entries?tenant=org_a&after=-1', 'after'],
      ['/api/v1/audit/entries?tenant=org_a&after=ten', 'after'],
      ['/api/v1/audit/entries?tenant=org_a&limit=5001', 'limit'],
      ['/api/v1/audit/entries?tenant=org_a&cursor=x', ''],
      ['/api/v1/audit/checkpoints?tenant=', 'tenant'],
    ];
    for (const [path, param] of cases) {
      const { status, json } = await get(path);
      expect(status, path).toBe(400);
      expect(json, path).toMatchObject({
        error: {
          code: 'invalid_request',
          message: expect.stringContaining(`query${param ? `.${param}` : ''}`) as unknown,
        },
      });
    }
  });

  it('are described in the OpenAPI paths', () => {
    expect(Object.keys(auditOpenApiPaths())).toEqual([
      '/api/v1/audit/entries',
      '/api/v1/audit/heads',
      '/api/v1/audit/checkpoints',
      '/api/v1/audit/public-key',
    ]);
  });
});
