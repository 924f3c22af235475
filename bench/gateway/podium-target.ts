/**
 * Podium as a bench target: starts the child with a fresh data dir and admin key, provisions a
 * virtual key through the admin API, and proves the features under test are really on: a call is
 * priced (`x-podium-cost-usd`) and, after the load, the ledger holds every successful call. Times its first
 * start (empty data dir) and a restart on the same data dir, each to the first answered call.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';
import { createdKeySchema, requestPageSchema } from '../../src/contract/index.js';
import { benchPodiumYaml } from './bench-podium-yaml.js';
import { startChild, type BenchChild } from './start-child.js';
import { startPodiumProcess } from './start-podium-process.js';

/** The alias the bench calls; podium-child.ts configures it with a price. */
export const benchModel = 'bench-model';

/** From spawning the Podium process to it listening, and to its first answered chat call. */
export interface StartTimes {
  listeningMs: number;
  firstCallMs: number;
}

export interface PodiumTarget {
  readonly child: BenchChild;
  /** The first start, on an empty data dir (initdb included), to the first call (after creating a team and a key). */
  firstStart: StartTimes;
  /** Stops Podium (clean close) and starts it again on the same data dir; the new process replaces `child`. */
  restart(): Promise<StartTimes>;
  /** The virtual key's secret (`pk-…`). */
  key: string;
  /** Waits for the batched ledger to hold at least `expected` records; throws if it does not. */
  verifyLedger(expected: number): Promise<{ written: number; latestCostUsd: number | null }>;
  /** Stops the child and removes its data dir. */
  stop(): Promise<void>;
}

async function adminCall(
  url: string,
  adminKey: string,
  options: { method: 'GET' | 'POST'; body?: unknown },
): Promise<unknown> {
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

async function firstCall(url: string, key: string): Promise<void> {
  const response = await request(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: benchModel, messages: [{ role: 'user', content: 'hello' }] }),
    headersTimeout: 10_000,
    bodyTimeout: 10_000,
  });
  const text = await response.body.text();
  if (response.statusCode !== 200) throw new Error(`first call → ${response.statusCode}: ${text}`);
}

/** `compiled`: `node dist/cli/podium.js start`, as `npm start` runs it; `source`: podium-child.ts under tsx. */
export type PodiumRun = 'compiled' | 'source';

export interface StartPodiumTargetOptions {
  upstreamUrl: string;
  nodeFlags?: string[];
  run: PodiumRun;
}

/** Starts Podium and provisions its team and key; cleans up everything if any step fails. */
export async function startPodiumTarget(options: StartPodiumTargetOptions): Promise<PodiumTarget> {
  const workDir = await mkdtemp(join(tmpdir(), 'podium-bench-'));
  // As root, the embedded PostgreSQL runs as `postgres`, which must pass through (mkdtemp makes 0700).
  await chmod(workDir, 0o711);
  const adminKey = randomBytes(24).toString('base64url');
  let child: BenchChild | undefined;
  const stop = async (): Promise<void> => {
    await child?.stop();
    await rm(workDir, { recursive: true, force: true });
  };
  const spawnPodium = (): Promise<BenchChild> =>
    options.run === 'compiled'
      ? startPodiumProcess({
          cwd: workDir,
          env: {
            ...process.env,
            PODIUM_ADMIN_KEY: adminKey,
            PODIUM_HOST: '127.0.0.1',
            PODIUM_PORT: '0',
            PODIUM_DATA_DIR: join(workDir, 'data'),
            PODIUM_CONFIG: undefined,
          },
          nodeFlags: options.nodeFlags,
          startTimeoutMs: 60_000,
        })
      : startChild({
          name: 'podium',
          file: 'podium-child.ts',
          args: [options.upstreamUrl, workDir, benchModel],
          env: { PODIUM_ADMIN_KEY: adminKey },
          nodeFlags: options.nodeFlags,
          startTimeoutMs: 60_000,
        });
  try {
    // Written before the clock starts (podium-child.ts writes it too, for a run from the sources).
    await writeFile(join(workDir, 'podium.yaml'), benchPodiumYaml(options.upstreamUrl, benchModel));
    const spawnedAt = performance.now();
    child = await spawnPodium();
    const listeningMs = performance.now() - spawnedAt;
    const api = `${child.url}/api/v1`;
    // A fresh team per run: with PODIUM_DATABASE_URL the store outlives the run.
    const team = `bench-${Date.now().toString(36)}`;
    await adminCall(`${api}/teams`, adminKey, { method: 'POST', body: { name: team } });
    const created = createdKeySchema.parse(
      await adminCall(`${api}/keys`, adminKey, { method: 'POST', body: { team, name: 'gateway-bench' } }),
    );
    await firstCall(child.url, created.key);
    const firstStart = { listeningMs, firstCallMs: performance.now() - spawnedAt };
    let running = child;
    return {
      get child() {
        return running;
      },
      key: created.key,
      firstStart,
      stop,
      async restart() {
        await running.stop();
        const restartedAt = performance.now();
        running = await spawnPodium();
        child = running;
        const restartListeningMs = performance.now() - restartedAt;
        await firstCall(running.url, created.key);
        return { listeningMs: restartListeningMs, firstCallMs: performance.now() - restartedAt };
      },
      async verifyLedger(expected) {
        // Bounded wait: the writer flushes at least every flushIntervalMs (1 s by default).
        let written = 0;
        for (let attempt = 0; attempt < 50 && written < expected; attempt += 1) {
          written = await ledgerWritten(running.url);
          if (written < expected) await sleep(200);
        }
        if (written < expected) throw new Error(`ledger holds ${written} records, expected at least ${expected}`);
        const page = requestPageSchema.parse(
          await adminCall(`${running.url}/api/v1/requests?limit=1`, adminKey, { method: 'GET' }),
        );
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
