/**
 * Podium as a bench target: starts the child with a fresh data dir and admin key, provisions a
 * virtual key through the admin API, and proves the features under test are really on: a call is
 * priced (`x-podium-cost-usd`) and, after the load, the ledger holds every successful call.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';
import { createdKeySchema, requestPageSchema } from '../../src/contract/index.js';
import { startChild, type BenchChild } from './start-child.js';

/** The alias the bench calls; podium-child.ts configures it with a price. */
export const benchModel = 'bench-model';

export interface PodiumTarget {
  child: BenchChild;
  /** The virtual key's secret (`pk-…`). */
  key: string;
  /** Waits for the batched ledger to hold at least `expected` records; throws if it does not. */
  verifyLedger(expected: number): Promise<{ written: number; latestCostUsd: number | null }>;
  /** Stops the child and removes its data dir. */
  stop(): Promise<void>;
}

async function adminCall(url: string, adminKey: string, options: { method: 'GET' | 'POST'; body?: unknown }): Promise<unknown> {
  const response = await request(url, {
    method: options.method,
    headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
    body: options.body === undefined ? null : JSON.stringify(options.body),
    headersTimeout: 10_000,
    bodyTimeout: 10_000,
  });
  const text = await response.body.text();
  if (response.statusCode >= 300) throw new Error(`${options.method} ${url} → ${response.statusCode}: ${text}`);
  return JSON.parse(text) as unknown;
}

async function ledgerWritten(url: string): Promise<number> {
  const response = await request(`${url}/metrics`, { headersTimeout: 10_000, bodyTimeout: 10_000 });
  const text = await response.body.text();
  const line = text.split('\n').find((entry) => entry.startsWith('podium_ledger_written_records_total'));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

export interface StartPodiumTargetOptions {
  upstreamUrl: string;
  nodeFlags?: string[];
}

/** Starts Podium and provisions its team and key; cleans up everything if any step fails. */
export async function startPodiumTarget(options: StartPodiumTargetOptions): Promise<PodiumTarget> {
  const workDir = await mkdtemp(join(tmpdir(), 'podium-bench-'));
  const adminKey = randomBytes(24).toString('base64url');
  let child: BenchChild | undefined;
  const stop = async (): Promise<void> => {
    await child?.stop();
    await rm(workDir, { recursive: true, force: true });
  };
  try {
    child = await startChild({
      name: 'podium',
      file: 'podium-child.ts',
      args: [options.upstreamUrl, workDir, benchModel],
      env: { PODIUM_ADMIN_KEY: adminKey },
      nodeFlags: options.nodeFlags,
      startTimeoutMs: 60_000,
    });
    const api = `${child.url}/api/v1`;
    // A fresh team per run: with PODIUM_DATABASE_URL the store outlives the run.
    const team = `bench-${Date.now().toString(36)}`;
    await adminCall(`${api}/teams`, adminKey, { method: 'POST', body: { name: team } });
    const created = createdKeySchema.parse(await adminCall(`${api}/keys`, adminKey, { method: 'POST', body: { team, name: 'gateway-bench' } }));
    const running = child;
    return {
      child: running,
      key: created.key,
      stop,
      async verifyLedger(expected) {
        // Bounded wait: the writer flushes at least every flushIntervalMs (1 s by default).
        let written = 0;
        for (let attempt = 0; attempt < 50 && written < expected; attempt += 1) {
          written = await ledgerWritten(running.url);
          if (written < expected) await sleep(200);
        }
        if (written < expected) throw new Error(`ledger holds ${written} records, expected at least ${expected}`);
        const page = requestPageSchema.parse(await adminCall(`${api}/requests?limit=1`, adminKey, { method: 'GET' }));
        const latest = page.data[0];
        if (!latest) throw new Error('GET /api/v1/requests?limit=1 returned no record');
        if (latest.requestedModel !== benchModel || latest.status !== 200) {
          throw new Error(`unexpected latest ledger record: ${JSON.stringify(latest)}`);
        }
        return { written, latestCostUsd: latest.costUsd };
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
