/**
 * The audit trail's targets: ≥ 5,000 events/s appended on the embedded PostgreSQL, and 100,000 events verified in
 * under 2 s. Appends go through the real writer (per-tenant queue, group commit, checkpoints every 1,000)
 * from closed-loop producers, each awaiting its entry before the next, as request handlers would.
 * Verification is timed three ways: the hashing alone (entries in memory), and end to end from embedded PostgreSQL and
 * from PostgreSQL in pages of 20,000, as `podium audit verify --data-dir|--database-url` reads them.
 *
 * Run: `npx tsx bench/authority/audit-bench.ts`. Environment: BENCH_AUDIT_EVENTS (appended per phase, default
 * 20,000), BENCH_AUDIT_PRODUCERS (default 64), BENCH_AUDIT_VERIFY (default 100,000), BENCH_DATABASE_URL
 * (default postgres://postgres@127.0.0.1:5432/test; unreachable: the PostgreSQL figures are null). Prints a
 * table, then one JSON line (the last line, also on failure).
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { auditGenesisHash } from '../../src/contract/index.js';
import {
  createAuditLog,
  createAuditRepository,
  createCheckpointSigner,
  readAuditPages,
  sealAuditEntries,
  verifyAuditLog,
  type AuditStore,
} from '../../src/server/governance/audit/index.js';
import { podiumMigrations } from '../../src/server/podium-migrations.js';
import { migrate, openPostgresClient, openSqlClient, type SqlClient } from '../../src/server/store/index.js';
import { reportBenchFailure } from '../shared/report-failure.js';
import { measureAppendStrategies, type AppendStrategiesResult } from './measure-append-strategies.js';
import { alignColumns, show } from '../shared/text-table.js';

export interface AppendFigures {
  events: number;
  producers: number;
  eventsPerSecond: number;
  /** Entries per transaction: what group commit achieved. */
  averageBatch: number;
}

export interface AuditBenchResult {
  /** Group commit on a throwaway database on the embedded PostgreSQL (the default engine). */
  appendEmbedded: AppendFigures;
  /** The same with one entry per transaction: what group commit buys. */
  appendEmbeddedUnbatched: AppendFigures;
  appendPostgres: AppendFigures | null;
  verify: { entries: number; hashingMs: number; embeddedMs: number; postgresMs: number | null };
  /** Four replicas appending to one tenant: the head-row lock against unique-and-retry (PostgreSQL only). */
  replicas: AppendStrategiesResult | null;
  targets: { appendPerSecond: number; verifyMs: number };
  /** Each target on its own; null where there was nothing to measure. */
  checks: {
    appendEmbedded: boolean;
    verifyHashing: boolean;
    verifyFromPostgres: boolean | null;
    verifyFromEmbedded: boolean;
  };
  pass: boolean;
}

export interface AuditBenchOptions {
  events: number;
  producers: number;
  verifyEntries: number;
  /** Undefined: no PostgreSQL figures. */
  databaseUrl?: string | undefined;
  log?: ((line: string) => void) | undefined;
}

const targets = { appendPerSecond: 5_000, verifyMs: 2_000 };
const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const signer = createCheckpointSigner(privateKey);

/** A decision entry of realistic size (~300 bytes of payload). */
const decision = (tenant: string, index: number) => ({
  tenant,
  kind: 'decision' as const,
  actor: `key_${index % 50}`,
  subject: `req_${randomUUID()}`,
  payload: {
    proposal: { action: 'refund', amount: index % 500, currency: 'EUR' },
    policies: ['refund-limit', 'four-eyes'],
    model: 'gpt-4o-mini',
    context: { ticket: `T-${index}`, documents: ['kb/refunds.md#v12'] },
    outcome: index % 7 === 0 ? 'escalated' : 'approved',
    timings: { proposeMs: 812, decideMs: 2 },
  },
});

async function measureAppend(options: {
  sql: SqlClient;
  events: number;
  producers: number;
  maxBatch?: number;
}): Promise<AppendFigures> {
  const repository = createAuditRepository(options.sql);
  let batches = 0;
  const counted: AuditStore = { ...repository, append: (batch) => ((batches += 1), repository.append(batch)) };
  const log = createAuditLog({ store: counted, signer, checkpointEvery: 1000, maxBatch: options.maxBatch });
  const tenant = `org_bench_${randomUUID().slice(0, 8)}`;
  let next = 0;
  const producer = async (): Promise<void> => {
    while (next < options.events) await log.append(decision(tenant, (next += 1)));
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: options.producers }, producer));
  const seconds = (performance.now() - started) / 1000;
  await log.close();
  return {
    events: options.events,
    producers: options.producers,
    eventsPerSecond: Math.round(options.events / seconds),
    averageBatch: round(options.events / batches),
  };
}

/** Fills one tenant with `count` entries straight through the repository (5,000 per transaction). */
async function fill(sql: SqlClient, count: number): Promise<string> {
  const repository = createAuditRepository(sql);
  const tenant = `org_verify_${randomUUID().slice(0, 8)}`;
  const at = new Date().toISOString();
  for (let done = 0; done < count; done += 5000) {
    const drafts = Array.from({ length: Math.min(5000, count - done) }, (_, index) => {
      const { kind, actor, subject, payload } = decision(tenant, done + index);
      return { at, kind, actor, subject, payload };
    });
    await repository.append({ tenant, seal: (head) => sealAuditEntries(head, drafts) });
  }
  const [head] = (await repository.heads()).filter((candidate) => candidate.tenant === tenant);
  if (head !== undefined) await repository.insertCheckpoint(signer.sign(head, at));
  // What the embedded store's periodic statistics refresh (and PostgreSQL's autovacuum) will have done by the
  // time anyone verifies a trail this size: measured without it, each page's plan sorts the rest of the tenant.
  await sql.query('ANALYZE audit_log');
  return tenant;
}

/** Milliseconds to verify the tenant read in pages of 20,000 (as `podium audit verify` reads a database). */
async function timeVerify(sql: SqlClient, tenant: string): Promise<number> {
  const repository = createAuditRepository(sql);
  const started = performance.now();
  const report = await verifyAuditLog({
    entries: readAuditPages({ page: (query) => repository.list(query), tenants: [tenant], pageSize: 20_000 }),
    checkpoints: await repository.checkpoints(tenant),
    publicKeys: [publicKey],
  });
  const elapsed = performance.now() - started;
  if (!report.ok) throw new Error(`the benchmark chain did not verify: ${report.problems[0]?.message ?? ''}`);
  return round(elapsed, 0);
}

async function timeHashing(count: number): Promise<number> {
  const at = new Date().toISOString();
  const entries = sealAuditEntries(
    { tenant: 'org_memory', seq: 0, hash: auditGenesisHash },
    Array.from({ length: count }, (_, index) => {
      const { kind, actor, subject, payload } = decision('org_memory', index);
      return { at, kind, actor, subject, payload };
    }),
  );
  const started = performance.now();
  const report = await verifyAuditLog({ entries, checkpoints: [], publicKeys: [] });
  if (!report.ok) throw new Error('the in-memory chain did not verify');
  return round(performance.now() - started, 0);
}

/** A migrated fresh schema on the server at `url`, dropped on close; undefined when the server is unreachable. */
async function openBenchSchema(
  url: string,
): Promise<{ sql: SqlClient; schema: string; close: () => Promise<void> } | undefined> {
  const schema = `podium_bench_${randomUUID().replaceAll('-', '')}`;
  const admin = openPostgresClient({ url, maxConnections: 1 });
  try {
    await admin.query(`CREATE SCHEMA ${schema}`);
  } catch {
    await admin.close();
    return undefined;
  }
  const sql = openPostgresClient({ url, schema });
  await migrate(sql, podiumMigrations);
  return {
    sql,
    schema,
    close: async () => {
      await sql.close();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`).catch(() => undefined);
      await admin.close();
    },
  };
}

/** Runs the audit measurements and returns the figures (the `bench:authority` entry calls this). */
export async function runAuditBench(options: AuditBenchOptions): Promise<AuditBenchResult> {
  const log = options.log ?? (() => undefined);
  const embedded = await openSqlClient();
  let server: Awaited<ReturnType<typeof openBenchSchema>>;
  try {
    await migrate(embedded, podiumMigrations);
    log(`audit: appending ${options.events} events to embedded PostgreSQL from ${options.producers} producers…`);
    const appendEmbedded = await measureAppend({ sql: embedded, events: options.events, producers: options.producers });
    const appendEmbeddedUnbatched = await measureAppend({
      sql: embedded,
      events: Math.min(options.events, 5000),
      producers: options.producers,
      maxBatch: 1,
    });
    server = options.databaseUrl === undefined ? undefined : await openBenchSchema(options.databaseUrl);
    const postgres = server?.sql;
    if (options.databaseUrl !== undefined && postgres === undefined)
      log(`audit: PostgreSQL at ${options.databaseUrl} is unreachable: no PostgreSQL figures`);
    const appendPostgres =
      postgres === undefined
        ? null
        : await measureAppend({ sql: postgres, events: options.events, producers: options.producers });

    log(`audit: verifying ${options.verifyEntries} entries…`);
    const hashingMs = await timeHashing(options.verifyEntries);
    const embeddedMs = await timeVerify(embedded, await fill(embedded, options.verifyEntries));
    const postgresMs =
      postgres === undefined ? null : await timeVerify(postgres, await fill(postgres, options.verifyEntries));
    const verify = { entries: options.verifyEntries, hashingMs, embeddedMs, postgresMs };

    log('audit: four replicas appending to one tenant (head lock, then unique-and-retry)…');
    const replicas =
      server === undefined || options.databaseUrl === undefined
        ? null
        : await measureAppendStrategies({
            url: options.databaseUrl,
            schema: server.schema,
            replicas: 4,
            batchesPerReplica: 50,
            batchSize: 50,
          });
    const checks = {
      appendEmbedded: appendEmbedded.eventsPerSecond >= targets.appendPerSecond,
      verifyHashing: hashingMs < targets.verifyMs,
      verifyFromPostgres: postgresMs === null ? null : postgresMs < targets.verifyMs,
      verifyFromEmbedded: embeddedMs < targets.verifyMs,
    };
    const pass = Object.values(checks).every((check) => check !== false);
    return { appendEmbedded, appendEmbeddedUnbatched, appendPostgres, verify, replicas, targets, checks, pass };
  } finally {
    await embedded.close();
    await server?.close();
  }
}

/** The figures as a table for people. */
export function formatAuditBench(result: AuditBenchResult): string {
  const append = (name: string, figures: AppendFigures | null): string[] =>
    figures === null
      ? [name, '—', '—', '—']
      : [name, String(figures.eventsPerSecond), show(figures.averageBatch, 1), String(figures.producers)];
  const rows = alignColumns(
    [
      ['append', 'events/s', 'avg batch', 'producers'],
      append('embedded PostgreSQL, group commit', result.appendEmbedded),
      append('embedded PostgreSQL, one per transaction', result.appendEmbeddedUnbatched),
      append('PostgreSQL, group commit', result.appendPostgres),
    ],
    1,
  );
  const verify = alignColumns(
    [
      [`verify ${result.verify.entries} entries`, 'ms'],
      ['hashing only (in memory)', String(result.verify.hashingMs)],
      ['from embedded PostgreSQL, pages of 20,000', String(result.verify.embeddedMs)],
      ['from PostgreSQL, pages of 20,000', show(result.verify.postgresMs, 0)],
    ],
    1,
  );
  const strategies =
    result.replicas === null
      ? []
      : alignColumns(
          [
            [
              `${result.replicas.replicas} replicas, batches of ${result.replicas.batchSize}, one tenant`,
              'entries/s',
              'retries',
            ],
            [
              'head-row lock (the repository)',
              String(result.replicas.headLock.entriesPerSecond),
              String(result.replicas.headLock.retries),
            ],
            [
              'unique (tenant, seq) and retry',
              String(result.replicas.uniqueRetry.entriesPerSecond),
              String(result.replicas.uniqueRetry.retries),
            ],
          ],
          1,
        );
  const checks = Object.entries(result.checks).map(
    ([name, passed]) => `${name}: ${passed === null ? 'not measured' : passed ? 'pass' : 'FAIL'}`,
  );
  const verdict = `targets: ≥ ${result.targets.appendPerSecond} events/s on embedded PostgreSQL, < ${result.targets.verifyMs} ms to verify — ${checks.join(', ')}`;
  return [...rows, '', ...verify, '', ...strategies, ...(strategies.length > 0 ? [''] : []), verdict, ''].join('\n');
}

const round = (value: number, digits = 1): number => Math.round(value * 10 ** digits) / 10 ** digits;

function positive(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got ${raw}`);
  return value;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const result = await runAuditBench({
      events: positive('BENCH_AUDIT_EVENTS', 20_000),
      producers: positive('BENCH_AUDIT_PRODUCERS', 64),
      verifyEntries: positive('BENCH_AUDIT_VERIFY', 100_000),
      databaseUrl: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
      log: (line) => process.stderr.write(`${line}\n`),
    });
    process.stdout.write(formatAuditBench(result));
    process.stdout.write(`${JSON.stringify({ bench: 'audit', ...result })}\n`);
    process.exitCode = result.pass ? 0 : 1;
  } catch (error) {
    reportBenchFailure('audit', error);
    process.exitCode = 1;
  }
}
