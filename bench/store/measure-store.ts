/**
 * Measures what docs/decisions/0003-storage.md reports. Run one measurement per process so start-up cost and
 * memory are not hidden by a warm runtime:
 *   npx tsx bench/store/measure-store.ts open <dataDir | memory>
 *   npx tsx bench/store/measure-store.ts insert <dataDir | memory | postgres://…> [rows]
 * Prints one JSON line. Not part of the server; kept so the ADR's numbers can be reproduced.
 */
import { randomUUID } from 'node:crypto';
import type { RequestRecord } from '../../src/contract/index.js';
import { createLedgerRepository } from '../../src/server/ledger/index.js';
import { podiumMigrations } from '../../src/server/podium-migrations.js';
import { openStore, type StoreOptions } from '../../src/server/store/index.js';

const megabytes = (bytes: number): number => Math.round(bytes / 1e6);

function optionsFor(target: string): StoreOptions {
  if (target === 'memory') return { migrations: podiumMigrations };
  if (target.startsWith('postgres://')) return { databaseUrl: target, migrations: podiumMigrations };
  return { dataDir: target, migrations: podiumMigrations };
}

function record(index: number): RequestRecord {
  return {
    id: `req_${randomUUID()}`,
    at: new Date(Date.UTC(2025, 0, 1) + index).toISOString(),
    orgId: 'org_m',
    teamId: `team_${index % 10}`,
    projectId: null,
    keyId: `key_${index % 50}`,
    surface: 'openai-chat',
    requestedModel: 'fast',
    servedModel: 'gpt-4o-mini',
    provider: 'openai',
    stream: index % 2 === 0,
    status: 200,
    errorCode: null,
    tier: null,
    endUser: null,
    tags: null,
    inputTokens: 1200,
    outputTokens: 300,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
    costUsd: 0.000123,
    latencyMs: 800,
    overheadMs: 0.4,
    attempts: 1,
    routePolicy: null,
    routeChoice: null,
    routeReason: null,
    cacheStatus: null,
    dataFindings: null,
    usageEstimated: false,
    sanitized: false,
  };
}

const [mode, target = 'memory', rowsArgument = '20000'] = process.argv.slice(2);
const rssBefore = process.memoryUsage().rss;
const openedAt = performance.now();
const store = await openStore(optionsFor(target));
const openMs = Math.round(performance.now() - openedAt);
const ledger = createLedgerRepository(store);
const result: Record<string, unknown> = {
  mode,
  driver: store.driver,
  openMs,
  rssDeltaAfterOpenMb: megabytes(process.memoryUsage().rss - rssBefore),
};

if (mode === 'insert') {
  const rows = Number(rowsArgument);
  // PGlite runs on this thread: while it executes, nothing else in the process (the gateway) runs. A timer
  // armed as each batch starts shows how long other work waits.
  const stalls: number[] = [];
  const startedAt = performance.now();
  for (let offset = 0; offset < rows; offset += 100) {
    const armedAt = performance.now();
    const stall = new Promise<void>((resolve) =>
      setTimeout(() => resolve(void stalls.push(performance.now() - armedAt)), 0),
    );
    await ledger.insertMany(Array.from({ length: 100 }, (_, index) => record(offset + index)));
    await stall;
  }
  const seconds = (performance.now() - startedAt) / 1000;
  stalls.sort((a, b) => a - b);
  result.rows = rows;
  result.rowsPerSecond = Math.round(rows / seconds);
  result.timerDelayMs = { p50: stalls[Math.floor(stalls.length / 2)]?.toFixed(1), max: stalls.at(-1)?.toFixed(1) };
  const listedAt = performance.now();
  for (let index = 0; index < 100; index += 1) await ledger.list({ teamId: 'team_3', limit: 100 });
  result.listPageMs = Number(((performance.now() - listedAt) / 100).toFixed(2));
  result.rssDeltaAfterInsertMb = megabytes(process.memoryUsage().rss - rssBefore);
  if (store.driver === 'postgres') await store.query('TRUNCATE requests');
}
await store.close();
console.log(JSON.stringify(result));
