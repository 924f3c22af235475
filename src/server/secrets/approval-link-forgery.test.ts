/**
 * Whoever can read the database cannot approve anything: a real Podium on a PGlite data dir, a pending $1M decision
 * waiting for `cfo`, and an attacker who dumps the settings table (where earlier releases kept the link key) and
 * signs links with everything found there. None verifies; a link keyed from the server secret — which lives
 * outside the data dir — does, before and after a restart.
 */
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/index.js';
import { createApprovalLinks } from '../governance/approvals/index.js';
import { startPodium, type RunningPodium } from '../main.js';

import { createServerSecret } from './server-secret.js';
import { createSettingsRepository } from '../store/index.js';
import { openTestDatabase } from '../testkit/index.js';

const adminKey = 'pa-link-forgery-admin-key-0123456789';
const legacySecret = 'legacy-link-secret-that-earlier-releases-stored';
let parent: string;
let dataDir: string;
let podium: RunningPodium;
const logs: string[] = [];

async function start(): Promise<RunningPodium> {
  const config = await loadConfig({
    env: { PODIUM_PORT: '0', PODIUM_DATA_DIR: dataDir, PODIUM_ADMIN_KEY: adminKey },
    cwd: parent,
  });
  return startPodium({ config, log: (line) => logs.push(line) });
}

async function call(options: {
  method: string;
  path: string;
  key?: string;
  body?: unknown;
}): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${podium.url}${options.path}`, {
    method: options.method,
    headers: { authorization: `Bearer ${options.key ?? adminKey}`, 'content-type': 'application/json' },
    body: options.body === undefined ? null : JSON.stringify(options.body),
  });
  const text = await response.text();
  return {
    status: response.status,
    json: response.headers.get('content-type')?.includes('json') ? (JSON.parse(text) as unknown) : text,
  };
}

/** Every string in a stored setting, and each setting's JSON text: all an attacker could try as the key. */
function candidates(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value !== 'object' || value === null) return [];
  return [JSON.stringify(value), ...Object.values(value).flatMap(candidates)];
}

/** The act link (path and query) for cfo approving, signed with `secret`. */
function approveLink(approvalId: string, secret: string | Buffer): string {
  const links = createApprovalLinks({
    secret,
    publicUrl: 'http://podium.invalid',
    ttlMs: 3_600_000,
    now: () => new Date(),
  });
  const url = new URL(links.url({ id: approvalId, verdict: 'approve', approver: 'cfo' }) ?? '');
  return `${url.pathname}${url.search}`;
}

let approvalId = '';
let genuineLink = '';

beforeAll(async () => {
  parent = await mkdtemp(join(tmpdir(), 'podium-link-forgery-'));
  // As root the embedded server runs as `postgres`, which must pass through (mkdtemp makes 0700).
  await chmod(parent, 0o711);
  dataDir = join(parent, 'data');
  // An upgrade: the database already holds the link key an earlier release generated.
  const before = await openTestDatabase({ dataDir });
  await createSettingsRepository(before).set('approval_link_secret', legacySecret);
  await before.close();

  podium = await start();
  expect((await call({ method: 'POST', path: '/api/v1/teams', body: { name: 'finance' } })).status).toBe(201);
  const key = (
    (await call({ method: 'POST', path: '/api/v1/keys', body: { team: 'finance', name: 'payout-bot' } })).json as {
      key: string;
    }
  ).key;
  const definition = {
    id: 'payout',
    description: 'Pay out money',
    owner: 'finance',
    makers: { teams: ['finance'] },
    context: { amount: { schema: { type: 'number', minimum: 0 } } },
    risk: [{ name: 'large', outcome: 'approve', approvers: ['cfo'] }],
  };
  expect((await call({ method: 'POST', path: '/api/v1/decision-definitions', body: definition })).status).toBe(201);
  const proposed = await call({
    method: 'POST',
    path: '/api/v1/decisions/payout',
    key,
    body: { proposal: { to: 'attacker' }, context: { amount: 1_000_000 } },
  });
  expect(proposed.json).toMatchObject({ outcome: 'pending' });
  approvalId = (proposed.json as { approvalId: string }).approvalId;
  // The legitimate holder of the server secret (the file beside the data dir) signs a link before the restart.
  const material = (await readFile(join(parent, 'podium-secret.key'), 'utf8')).trim();
  genuineLink = approveLink(
    approvalId,
    createServerSecret({ material: Buffer.from(material), source: 'test' }).derive('approval-links'),
  );
  await podium.close();
}, 120_000);

afterAll(async () => {
  await podium.close();
  await rm(parent, { recursive: true, force: true });
});

describe('approval links against a reader of the database', () => {
  it('deletes the key earlier releases stored, and says so', () => {
    expect(logs.join('\n')).toContain('deleted the approval-link key earlier releases kept in the database');
  });

  it('forges nothing from the settings table; the genuine link still works after a restart', async () => {
    const store = await openTestDatabase({ dataDir });
    const rows = await store.query<{ key: string; value: unknown }>('SELECT key, value FROM settings');
    await store.close();
    expect(rows.map((row) => row.key)).not.toContain('approval_link_secret');
    const material = (await readFile(join(parent, 'podium-secret.key'), 'utf8')).trim();
    expect(JSON.stringify(rows)).not.toContain(material);
    const tried = [...new Set([legacySecret, ...rows.flatMap((row) => [row.key, ...candidates(row.value)])])];
    expect(tried.length).toBeGreaterThan(3);

    podium = await start();
    for (const secret of tried) {
      const forged = await call({ method: 'POST', path: approveLink(approvalId, secret) });
      expect(forged.status, `a link signed with a value of the settings table (${secret.slice(0, 20)}…)`).toBe(403);
    }
    expect((await call({ method: 'GET', path: `/api/v1/approvals/${approvalId}` })).json).toMatchObject({
      state: 'pending',
    });

    const genuine = await call({ method: 'POST', path: genuineLink });
    expect(genuine.status).toBe(200);
    expect((await call({ method: 'GET', path: `/api/v1/approvals/${approvalId}` })).json).toMatchObject({
      state: 'approved',
      votes: [{ approver: 'cfo', via: 'link' }],
    });
  }, 120_000);
});
