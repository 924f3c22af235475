/**
 * Every mutating admin-API route leaves an audit entry naming the verified credential that made the change — found
 * by enumerating the running server's routes, so a route added later cannot slip through.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredAuditEntry } from '../../contract/index.js';
import { createApprovalLinks } from '../governance/approvals/index.js';
import { createServerSecret } from '../secrets/index.js';
import { startTestPodium, type TestPodium } from '../testkit/index.js';

const serverSecret = 'admin-audit-test-secret-0123456789abcdef';
const mutating = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
let podium: TestPodium;
let keyId = '';
let approvalId = '';

async function call(options: {
  method: string;
  path: string;
  secret?: string | undefined;
  body?: unknown;
}): Promise<number> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.secret !== undefined) headers.authorization = `Bearer ${options.secret}`;
  const response = await fetch(`${podium.url}${options.path}`, {
    method: options.method,
    headers,
    body: options.method === 'DELETE' ? null : JSON.stringify(options.body ?? {}),
  });
  await response.arrayBuffer();
  return response.status;
}

const adminEntries = async (): Promise<StoredAuditEntry[]> =>
  (await podium.auditEntries()).filter((entry) => entry.kind === 'admin');
const payloadOf = (entry: StoredAuditEntry) =>
  JSON.parse(entry.payloadJson) as {
    action: string;
    credential: { kind: string; id: string };
    outcome: { status: number };
    target: { id: string | null };
  };

beforeAll(async () => {
  podium = await startTestPodium({
    providers: { openai: 'openai' },
    modelsYaml: '  gpt: { targets: [{ provider: openai, model: gpt-4o-mini }] }',
    env: { PODIUM_SECRET_KEY: serverSecret },
  });
  keyId = ((await podium.admin('GET', '/api/v1/keys')).json as { data: { id: string }[] }).data[0]?.id ?? '';
  const definition = {
    id: 'payout',
    description: 'Pay out',
    owner: 'finance',
    makers: { teams: ['test'] },
    context: { amount: { schema: { type: 'number' } } },
    risk: [{ name: 'any', outcome: 'approve', approvers: ['cfo'] }],
  };
  expect((await podium.admin('POST', '/api/v1/decision-definitions', definition)).status).toBe(201);
  const proposed = await fetch(`${podium.url}/api/v1/decisions/payout`, {
    method: 'POST',
    headers: { authorization: `Bearer ${podium.key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ proposal: {}, context: { amount: 5 } }),
  });
  approvalId = ((await proposed.json()) as { approvalId: string }).approvalId;
}, 120_000);
afterAll(() => podium.close());

describe('admin actions on the audit trail', () => {
  it('setting up (team, key, definition) is already on the record, with the admin credential and no secret', async () => {
    const entries = await adminEntries();
    expect(entries.map((entry) => payloadOf(entry).action)).toEqual([
      'POST /api/v1/teams',
      'POST /api/v1/keys',
      'POST /api/v1/decision-definitions',
      'POST /api/v1/decisions/:id',
    ]);
    const keyCreated = entries[1];
    expect(keyCreated?.actor).toMatch(/^admin:admin_[0-9a-f]{16}$/);
    expect(keyCreated && payloadOf(keyCreated)).toMatchObject({ target: { id: keyId }, outcome: { status: 201 } });
    const everything = JSON.stringify(await podium.auditEntries());
    expect(everything).not.toContain(podium.key);
    expect(everything).not.toContain(podium.adminKey);
    expect(entries[3]?.actor).toBe(`key:${keyId}`);
  });

  it('every mutating route of the running server leaves one, naming the credential', async () => {
    const routes = podium.routes.filter((route) => mutating.has(route.method) && route.path.startsWith('/api/v1/'));
    expect(routes.length).toBeGreaterThanOrEqual(15);
    const links = createApprovalLinks({
      secret: createServerSecret({ material: Buffer.from(serverSecret), source: 'test' }).derive('approval-links'),
      publicUrl: podium.url,
      ttlMs: 60_000,
      now: () => new Date(),
    });
    for (const route of routes) {
      const before = (await adminEntries()).length;
      let path = route.path.replace(/:([A-Za-z]+)/g, 'nothing-here');
      let secret: string | undefined = podium.adminKey;
      let actor: string | RegExp = /^admin:admin_[0-9a-f]{16}$/;
      if (route.path === '/api/v1/approvals/:id/act') {
        // Its credential is the signed link itself.
        path =
          new URL(links.url({ id: approvalId, verdict: 'approve', approver: 'cfo' }) ?? '').pathname +
          new URL(links.url({ id: approvalId, verdict: 'approve', approver: 'cfo' }) ?? '').search;
        secret = undefined;
        actor = 'link:cfo';
      } else if (route.path === '/api/v1/decisions/:id') {
        secret = podium.key;
        actor = `key:${keyId}`;
      }
      const status = await call({ method: route.method, path, secret });
      const added = (await adminEntries()).slice(before);
      expect(added, `${route.method} ${route.path} (answered ${status})`).toHaveLength(1);
      const [entry] = added;
      expect(entry?.actor).toMatch(actor);
      expect(entry && payloadOf(entry)).toMatchObject({ action: `${route.method} ${route.path}`, outcome: { status } });
    }
  }, 120_000);

  it('records nothing for a request whose credential does not verify', async () => {
    const before = (await adminEntries()).length;
    expect(
      await call({
        method: 'POST',
        path: '/api/v1/teams',
        secret: 'pa-not-the-admin-key-0000000000',
        body: { name: 'x' },
      }),
    ).toBe(401);
    expect(await call({ method: 'POST', path: '/api/v1/teams', body: { name: 'x' } })).toBe(401);
    expect(await adminEntries()).toHaveLength(before);
  });
});
