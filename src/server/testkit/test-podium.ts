/**
 * Starts a real Podium (a throwaway database on the embedded PostgreSQL, port 0) in front of fake upstreams, with a team and a
 * virtual key ready: what integration tests and the official-client tests run against.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RouteName } from '../http/index.js';
import {
  auditHeadSchema,
  requestPageSchema,
  storedAuditEntrySchema,
  type RequestRecord,
  type StoredAuditEntry,
} from '../../contract/index.js';
import { loadConfig } from '../config/index.js';
import { startPodium } from '../main.js';
import { FakeUpstream } from './fake-upstream.js';

export interface TestPodium {
  url: string;
  /** Every HTTP route the Podium serves (method and path pattern). */
  routes: readonly RouteName[];
  adminKey: string;
  /** A virtual key of team `test`. */
  key: string;
  upstreams: Record<string, FakeUpstream>;
  logs: string[];
  admin(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }>;
  /** The ledger row of a request, once the batched writer has stored it (polls briefly; throws if it never comes). */
  ledgerRecord(requestId: string | null): Promise<RequestRecord>;
  /** Every audit entry stored so far, every tenant's chain in order, read through the admin API (up to 1,000 per tenant). */
  auditEntries(): Promise<StoredAuditEntry[]>;
  close(): Promise<void>;
}

export interface TestPodiumOptions {
  /** Provider name → type; each gets its own fake upstream. */
  providers: Record<string, 'openai' | 'anthropic' | 'azure-openai' | 'gemini' | 'openai-compatible'>;
  /** The `models:` section of podium.yaml (the fake upstreams' URLs are filled in for providers). */
  modelsYaml: string;
  /** Extra top-level YAML (pricing:, gateway:, ledger:). */
  extraYaml?: string;
  /** A provider's base URL instead of its fake upstream's (an unreachable address, a name that does not resolve). */
  baseUrls?: Record<string, string>;
  /** Provider fields appended to each provider's flow mapping, e.g. `retry: { maxRetries: 0 }`. */
  providerExtras?: Record<string, string>;
  env?: Record<string, string>;
  /** Wall clock for budgets (periods, burn rates). */
  clock?: () => Date;
}

const baseUrlFor = (type: string, url: string): string =>
  type === 'openai' || type === 'openai-compatible' ? `${url}/v1` : url;

export async function startTestPodium(options: TestPodiumOptions): Promise<TestPodium> {
  const upstreams: Record<string, FakeUpstream> = {};
  const lines: string[] = [];
  for (const [name, type] of Object.entries(options.providers)) {
    const upstream = await FakeUpstream.start();
    upstreams[name] = upstream;
    const extra = options.providerExtras?.[name] ? `, ${options.providerExtras[name]}` : '';
    lines.push(
      `  ${name}: { type: ${type}, apiKey: "sk-upstream-${name}", baseUrl: "${options.baseUrls?.[name] ?? baseUrlFor(type, upstream.url)}"${extra} }`,
    );
  }
  const dir = await mkdtemp(join(tmpdir(), 'podium-test-'));
  await writeFile(
    join(dir, 'podium.yaml'),
    `providers:\n${lines.join('\n')}\nmodels:\n${options.modelsYaml}\n${options.extraYaml ?? ''}\n`,
  );
  const adminKey = 'pa-test-admin-key-0123456789abcdef';
  const config = await loadConfig({
    env: { PODIUM_PORT: '0', PODIUM_DATA_DIR: ':memory:', PODIUM_ADMIN_KEY: adminKey, ...options.env },
    cwd: dir,
  });
  const logs: string[] = [];
  const podium = await startPodium({
    config,
    log: (line) => logs.push(line),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const admin = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${podium.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
    });
    return { status: response.status, json: await response.json() };
  };
  await admin('POST', '/api/v1/teams', { name: 'test' });
  const created = await admin('POST', '/api/v1/keys', { team: 'test', name: 'tests' });
  const key = (created.json as { key?: string }).key;
  if (!key) throw new Error(`could not create a test key: ${JSON.stringify(created.json)}`);
  const ledgerRecord = async (requestId: string | null): Promise<RequestRecord> => {
    for (let tries = 0; tries < 100; tries += 1) {
      const page = await admin('GET', '/api/v1/requests?limit=1000');
      const found = requestPageSchema.parse(page.json).data.find((row) => row.id === requestId);
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`request ${String(requestId)} never reached the ledger`);
  };
  const auditEntries = async (): Promise<StoredAuditEntry[]> => {
    const heads = auditHeadSchema
      .array()
      .parse(((await admin('GET', '/api/v1/audit/heads')).json as { data: unknown }).data);
    const pages = await Promise.all(
      heads.map(
        async (head) =>
          (await admin('GET', `/api/v1/audit/entries?tenant=${encodeURIComponent(head.tenant)}&limit=1000`)).json as {
            data: unknown;
          },
      ),
    );
    return pages.flatMap((page) => storedAuditEntrySchema.array().parse(page.data));
  };
  return {
    url: podium.url,
    routes: podium.routes,
    adminKey,
    key,
    upstreams,
    logs,
    admin,
    ledgerRecord,
    auditEntries,
    async close() {
      await podium.close();
      await Promise.all(Object.values(upstreams).map((upstream) => upstream.close()));
    },
  };
}
