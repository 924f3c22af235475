/**
 * `podium import-pglite`: a PGlite data dir written by this release's own repositories, imported into a fresh
 * PostgreSQL schema on the shared server. Rows are compared as PostgreSQL prints them (every digit of a
 * numeric, every millisecond, every JSON key, every bytea byte), not merely counted.
 */
import { spawn } from 'node:child_process';
import { createHash, generateKeyPairSync, randomUUID } from 'node:crypto';
import { chmod, cp, mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { budgetDefinitionSchema, type RequestRecord } from '../contract/index.js';
import { createSemanticEntryRepository } from './cache/index.js';
import { createApprovalRepository } from './governance/approvals/index.js';
import {
  createAuditLog,
  createAuditRepository,
  createCheckpointSigner,
  readAuditPages,
  verifyAuditLog,
} from './governance/audit/index.js';
import { createBudgetEventRepository, createBudgetRepository, createBudgetRequestRepository } from './budgets/index.js';
import { createIdentityRepository } from './identity/index.js';
import { createLedgerRepository } from './ledger/index.js';
import { podiumMigrations } from './podium-migrations.js';
import { createShadowResultRepository } from './routing/index.js';
import { acquireDataDirLock } from './store/data-dir-lock.js';
import { importPgliteDataDirInto } from './import-pglite-data-dir.js';
import { importPgliteDataDir } from './store/import-pglite.js';
import { isPgliteDataDir } from './store/is-pglite-data-dir.js';
import { importReportFileName } from './store/move-pglite-aside.js';
import {
  createSettingsRepository,
  migrate,
  newId,
  openPostgresClient,
  openStore,
  type SqlClient,
  type SqlExecutor,
} from './store/index.js';
import { openPgliteClient } from './store/pglite-client.js';
import {
  createTestSchema,
  dropTestSchema,
  postgresTestUrl,
  reachPostgres,
} from './testkit/postgres-test-server.test-suite.js';

const migrations = podiumMigrations;

/** The repositories this test writes through, on one migrated client (what the `Store` aggregate bundled before). */
function repositoriesOn(sql: SqlClient) {
  return {
    sql,
    identity: createIdentityRepository(sql),
    ledger: createLedgerRepository(sql),
    settings: createSettingsRepository(sql),
    budgets: createBudgetRepository(sql),
    budgetRequests: createBudgetRequestRepository(sql),
    budgetEvents: createBudgetEventRepository(sql),
    shadowResults: createShadowResultRepository(sql),
    approvals: createApprovalRepository(sql),
    close: () => sql.close(),
  };
}
type Store = ReturnType<typeof repositoriesOn>;
import { readSchemaShape } from './store/schema-shape.js';
import { setTextOutput } from './store/table-checksum.js';

const url = postgresTestUrl;
const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const ledgerRows = 600;

const unreachable = await reachPostgres('PGlite import');

function ledgerRecord(index: number, teamId: string): RequestRecord {
  return {
    id: `req_${index.toString().padStart(6, '0')}_${randomUUID()}`,
    at: new Date(Date.UTC(2026, 10, 1) + index * 1_337).toISOString(),
    orgId: 'org_import',
    teamId,
    projectId: null,
    keyId: index % 2 === 0 ? 'key_even' : null,
    surface: 'openai-chat',
    requestedModel: 'fast',
    servedModel: 'gpt-4o-mini',
    provider: 'openai',
    stream: index % 3 === 0,
    status: index % 17 === 0 ? 502 : 200,
    errorCode: index % 17 === 0 ? 'upstream_error' : null,
    tier: 'standard',
    endUser: `user-${index % 7}`,
    tags: { env: 'prod', feature: `search, "beta" \\ ${index}`, emoji: '✓ ünïcødé' },
    inputTokens: 3_000_000_000 + index,
    outputTokens: 30,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: index % 5,
    // Exact numerics: a float would round these.
    costUsd: index % 11 === 0 ? null : Number(`0.000${index}123`),
    latencyMs: 812.5 + index / 3,
    overheadMs: 0.1 + 0.2,
    attempts: 1,
    routePolicy: null,
    routeChoice: null,
    routeReason: null,
    cacheStatus: 'miss',
    dataFindings: [{ dataClass: 'email', direction: 'request', count: 2, action: 'redacted' }],
    usageEstimated: index % 13 === 0,
    sanitized: false,
  };
}

/** Writes real rows into every table through the repositories a PGlite-era Podium used. */
async function fill(store: Store): Promise<void> {
  const org = await store.identity.ensureOrganization('default');
  const team = await store.identity.createTeam({ orgId: org.id, name: 'platform' });
  await store.identity.createTeam({ orgId: org.id, name: 'research\ttab' });
  const project = await store.identity.createProject({ teamId: team.id, name: 'search' });
  for (const name of ['ci', 'agent', null]) {
    const secret = `pk-${randomUUID()}`;
    const key = await store.identity.insertKey({
      id: newId('key'),
      hash: createHash('sha256').update(secret).digest('hex'),
      prefix: secret.slice(0, 11),
      name,
      orgId: org.id,
      teamId: team.id,
      projectId: name === 'agent' ? project.id : null,
      allowedModels: name === 'ci' ? ['gpt-4o-mini', 'claude-"quoted"'] : null,
      tier: name === null ? 'batch' : 'critical',
    });
    if (name === null) await store.identity.revokeKey(key.id);
  }
  await store.ledger.insertMany(Array.from({ length: ledgerRows }, (_, index) => ledgerRecord(index, team.id)));
  await store.settings.set('admin-key-hash', { hash: 'abc', nested: [1, 2.5, null, 'x'] });
  await store.budgets.upsert(
    budgetDefinitionSchema.parse({ id: 'team-platform', scope: { kind: 'team', value: 'platform' }, limit: 100.25 }),
  );
  const request = await store.budgetRequests.create({
    budgetId: 'team-platform',
    allocation: null,
    amount: 250.5,
    requestedBy: 'ana',
    justification: 'launch week',
    expectedValue: 'ships search',
  });
  await store.budgetRequests.decide(request.id, { state: 'granted', decidedBy: 'bo', comment: 'go' });
  await store.budgetRequests.create({
    budgetId: null,
    allocation: null,
    amount: 1_000_000,
    requestedBy: 'cy',
    justification: 'pending one',
    expectedValue: null,
  });
  await store.budgetEvents.insertOnce({
    id: `bevt_${randomUUID()}`,
    at: '2026-11-12T09:30:00.123Z',
    budgetId: 'team-platform',
    kind: 'threshold',
    threshold: 0.8,
    used: 80.5,
    limit: 100.25,
    periodStart: '2026-10-31T23:00:00.000Z',
    message: 'Budget reached 80%',
  });
  await store.shadowResults.insert({
    id: `shadow_${randomUUID()}`,
    at: '2026-11-12T09:30:00.000Z',
    alias: 'auto',
    policy: 'learned',
    choice: 'small',
    reference: 'large',
    grader: 'exact',
    servedScore: null,
    referenceScore: null,
    servedCostUsd: 0.000000123456789,
    referenceCostUsd: null,
    servedModel: 'gpt-4o-mini',
    referenceModel: 'gpt-4o',
    requestId: 'req_000001',
    teamId: team.id,
  });
  const at = (minutes: number): string => new Date(Date.UTC(2026, 2, 2, 9, minutes)).toISOString();
  await store.approvals.create({
    id: 'appr_import',
    decisionId: 'dec_import',
    tenant: org.id,
    requester: 'key_agent',
    summary: 'Refund 420 EUR',
    proposal: { action: 'refund', amount: 420.1, lines: [1, 2] },
    context: { ticket: 'T-1', nested: { ok: true } },
    state: 'pending',
    stage: 0,
    approvers: ['a', 'b,c', 'd"e'],
    quorum: 2,
    escalation: [['lead'], ['cto', 'cfo']],
    votes: [],
    delegations: [],
    timeoutMs: 3_600_000,
    remindAfterMs: 1_800_000,
    onTimeout: 'deny',
    deadline: at(60),
    remindAt: at(30),
    createdAt: at(0),
    decidedAt: null,
    outcomeReason: null,
    callbackUrl: 'http://127.0.0.1:9/callback?token=s3cret',
  });
  const auditLog = createAuditLog({
    store: createAuditRepository(store.sql),
    signer: createCheckpointSigner(privateKey),
  });
  for (const index of [1, 2, 3, 4, 5]) {
    await auditLog.append({
      tenant: index % 2 === 0 ? org.id : 'org_other',
      kind: 'approval',
      actor: 'alice',
      subject: `req_${index}`,
      payload: { index, note: 'ü\n"' },
    });
  }
  await auditLog.close();
  const semantic = createSemanticEntryRepository(store.sql);
  for (const index of [1, 2, 3]) {
    await semantic.put({
      storeKey: `sem_${index}`,
      partition: 'gpt-4o-mini',
      vector: new Float32Array([0.1 * index, -0.5, 1e-7]),
      salient: {
        exact: `what is ${index}?`,
        entities: new Set<string>(),
        words: new Set(['what']),
        content: new Set<string>(),
      },
      expiresAt: 4_102_444_800_000,
      answer: `answer ${index}\twith a tab`,
    });
  }
  // Budget counters, written as the PostgreSQL counter driver writes them.
  await store.sql.query(
    "INSERT INTO budget_counters (key, used, expires_at) VALUES ('team-platform:2026-11-01T00:00:00.000Z', 12345678901, '2026-12-02T00:00:00.123456Z')",
  );
  await store.sql.query(`INSERT INTO budget_counter_operations (id, outcome) VALUES ('op_1', '{"ok": true}')`);
}

/** Every table's rows as PostgreSQL prints them, sorted; the migration history is each database's own. */
async function dump(sql: SqlExecutor): Promise<Record<string, string[]>> {
  await setTextOutput(sql, true);
  const shape = await readSchemaShape(sql);
  const tables: Record<string, string[]> = {};
  for (const table of shape.tables) {
    if (table.name === 'podium_migrations') continue;
    const rows = await sql.query<{ row: string }>(`SELECT t::text AS row FROM "${table.name}" t`);
    tables[table.name] = rows.map((row) => row.row).sort();
  }
  return tables;
}

const snapshot = (sql: SqlClient) => sql.transaction((tx) => dump(tx));

describe.skipIf(unreachable !== undefined)('importing a PGlite data directory into PostgreSQL', () => {
  let parent: string;
  let template: string;
  let expected: Record<string, string[]>;
  let requestPages = 0;
  const schemas: string[] = [];
  const targets: Store[] = [];

  /** A fresh schema on the shared server, migrated by this release (what the CLI's opener does). */
  async function freshTarget(): Promise<{ store: Store; schema: string }> {
    const schema = await createTestSchema();
    schemas.push(schema);
    const store = repositoriesOn(await openStore({ databaseUrl: url, schema, migrations }));
    targets.push(store);
    return { store, schema };
  }

  /** A copy of the template as a user's install: `<home>/data` (PGlite) with Podium's files in and beside it. */
  async function install(name: string): Promise<{ home: string; dataDir: string; own: Record<string, string> }> {
    const home = join(parent, name);
    const dataDir = join(home, 'data');
    await mkdir(home, { recursive: true });
    await cp(template, dataDir, { recursive: true });
    const own = {
      [join(home, 'podium-secret.key')]: `${'s'.repeat(43)}\n`,
      [join(home, 'podium-audit-checkpoints.jsonl')]: '{"tenant":"org_other","seq":5}\n',
      [join(dataDir, 'audit-signing-key.pem')]: '-----BEGIN PRIVATE KEY-----\nlegacy\n-----END PRIVATE KEY-----\n',
    };
    for (const [path, text] of Object.entries(own)) await writeFile(path, text);
    return { home, dataDir, own };
  }

  beforeAll(async () => {
    parent = await mkdtemp(join(tmpdir(), 'podium-import-'));
    // As root, the embedded server runs as `postgres`, which must pass through (mkdtemp makes 0700).
    await chmod(parent, 0o711);
    template = join(parent, 'template');
    // Written as the PGlite releases wrote it: PGlite's own client on the data dir, migrated by this release.
    const pglite = await openPgliteClient({ dataDir: template });
    await migrate(pglite, migrations);
    const store = repositoriesOn(pglite);
    try {
      await fill(store);
      expected = await snapshot(store.sql);
      const [size] = await store.sql.query<{ pages: number }>(
        "SELECT pg_relation_size('requests') / current_setting('block_size')::bigint AS pages",
      );
      requestPages = size?.pages ?? 0;
    } finally {
      await store.close();
    }
  }, 120_000);

  afterAll(async () => {
    for (const store of targets) await store.close();
    for (const schema of schemas) await dropTestSchema(schema);
    if (parent !== undefined) await rm(parent, { recursive: true, force: true });
  });

  it('copies every row exactly in small batches, continues sequences, keeps the audit chain, moves the files aside', async () => {
    const { dataDir, own } = await install('full');
    const ownBefore = await Promise.all(Object.keys(own).map(async (path) => (await stat(path)).mtimeMs));
    const { store } = await freshTarget();
    const lines: string[] = [];
    // 4 pages per batch: the 600-row ledger (~35 pages) arrives in several batches.
    const report = await importPgliteDataDir({
      from: dataDir,
      into: store.sql,
      migrations,
      batchPages: 4,
      log: (line) => lines.push(line),
      now: () => new Date('2026-12-07T23:05:25.000Z'),
    });

    expect(report.outcome).toBe('imported');
    expect(report.movedTo).toBe(join(dataDir, 'pglite-imported-20261207T230525Z'));
    expect(Object.fromEntries(report.tables.map((table) => [table.table, table.rows]))).toEqual(
      Object.fromEntries(Object.entries(expected).map(([table, rows]) => [table, rows.length])),
    );
    expect(report.tables.find((table) => table.table === 'requests')?.rows).toBe(ledgerRows);
    expect(await snapshot(store.sql)).toEqual(expected);
    expect(lines).toContain(`copied requests: ${ledgerRows} row(s)`);
    expect(requestPages).toBeGreaterThan(8);

    // Typed reads agree too: the repositories see what the PGlite-era Podium wrote.
    expect(await store.ledger.count()).toBe(ledgerRows);
    expect((await store.identity.findTeam('platform'))?.name).toBe('platform');
    expect(await store.settings.get('admin-key-hash')).toEqual({ hash: 'abc', nested: [1, 2.5, null, 'x'] });

    const audit = createAuditRepository(store.sql);
    const heads = await audit.heads();
    const verified = await verifyAuditLog({
      entries: readAuditPages({ page: (query) => audit.list(query), tenants: heads.map((head) => head.tenant) }),
      checkpoints: await audit.checkpoints(),
      publicKeys: [publicKey],
    });
    expect(verified).toMatchObject({ ok: true, entries: 5 });
    expect(verified.checkpoints.matched).toBeGreaterThanOrEqual(2);

    // The sequence continues: a new semantic cache entry gets a seq after every imported one.
    const semantic = createSemanticEntryRepository(store.sql);
    await semantic.put({
      storeKey: 'sem_new',
      partition: 'p',
      vector: new Float32Array([1]),
      salient: { exact: 'x', entities: new Set<string>(), words: new Set<string>(), content: new Set<string>() },
      expiresAt: 4_102_444_800_000,
      answer: 'new',
    });
    const [seqs] = await store.sql.query<{ imported: number; added: number }>(
      "SELECT max(seq) FILTER (WHERE store_key <> 'sem_new') AS imported, max(seq) FILTER (WHERE store_key = 'sem_new') AS added FROM semantic_cache_entries",
    );
    expect(seqs?.added).toBeGreaterThan(seqs?.imported ?? Infinity);

    // PGlite's files are aside, not deleted; Podium's own files did not move or change.
    expect(await isPgliteDataDir(dataDir)).toBe(false);
    expect(await isPgliteDataDir(report.movedTo)).toBe(true);
    expect((await readdir(dataDir)).sort()).toEqual(['audit-signing-key.pem', 'pglite-imported-20261207T230525Z']);
    expect(JSON.parse(await readFile(join(report.movedTo, importReportFileName), 'utf8'))).toMatchObject({
      state: 'complete',
      outcome: 'imported',
    });
    for (const [path, text] of Object.entries(own)) expect(await readFile(path, 'utf8')).toBe(text);
    expect(await Promise.all(Object.keys(own).map(async (path) => (await stat(path)).mtimeMs))).toEqual(ownBefore);

    // A second run refuses politely: nothing is left to import.
    await expect(importPgliteDataDir({ from: dataDir, into: store.sql, migrations })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('already imported') as unknown,
    });

    // A crash in the middle of moving the files aside: the next run only finishes the move.
    await rename(join(report.movedTo, 'base'), join(dataDir, 'base'));
    await rename(join(report.movedTo, 'pg_xact'), join(dataDir, 'pg_xact'));
    const reportPath = join(report.movedTo, importReportFileName);
    await writeFile(reportPath, JSON.stringify({ ...JSON.parse(await readFile(reportPath, 'utf8')), state: 'moving' }));
    const finished = await importPgliteDataDir({ from: dataDir, into: store.sql, migrations });
    expect(finished).toMatchObject({ outcome: 'move-completed', movedTo: report.movedTo });
    expect((await readdir(dataDir)).sort()).toEqual(['audit-signing-key.pem', 'pglite-imported-20261207T230525Z']);
    expect(await isPgliteDataDir(report.movedTo)).toBe(true);
    expect(await snapshot(store.sql)).toMatchObject({ requests: expected.requests });
  }, 90_000);

  it('leaves the target empty when stopped mid-copy, and finishes after a stop between commit and move', async () => {
    const { dataDir } = await install('interrupted');
    const { store } = await freshTarget();
    const crashAt = (prefix: string) => (line: string) => {
      if (line.startsWith(prefix)) throw new Error(`stopped at "${line}"`);
    };

    await expect(
      importPgliteDataDir({ from: dataDir, into: store.sql, migrations, log: crashAt('copied requests') }),
    ).rejects.toThrow(/stopped at "copied requests/);
    expect(Object.values(await snapshot(store.sql)).flat()).toEqual([]);
    expect(await isPgliteDataDir(dataDir)).toBe(true);

    await expect(
      importPgliteDataDir({ from: dataDir, into: store.sql, migrations, log: crashAt('committed') }),
    ).rejects.toThrow(/stopped at "committed/);
    expect(await snapshot(store.sql)).toEqual(expected);
    expect(await isPgliteDataDir(dataDir)).toBe(true);

    const report = await importPgliteDataDir({ from: dataDir, into: store.sql, migrations });
    expect(report.outcome).toBe('already-copied');
    expect(await snapshot(store.sql)).toEqual(expected);
    expect(await isPgliteDataDir(dataDir)).toBe(false);
    expect(await readdir(dataDir)).not.toContain('pglite-import-work');
  }, 120_000);

  it('refuses a directory in use, a database that holds other data and one with other tables, touching neither', async () => {
    const { dataDir } = await install('occupied');
    const { store } = await freshTarget();
    // A Podium of the old release still running on the directory.
    const running = await acquireDataDirLock(dataDir);
    await expect(importPgliteDataDir({ from: dataDir, into: store.sql, migrations })).rejects.toMatchObject({
      code: 'config_invalid',
      message: expect.stringContaining('is in use') as unknown,
    });
    await running.release();

    await store.settings.set('live', 'somebody else’s data');
    await expect(importPgliteDataDir({ from: dataDir, into: store.sql, migrations })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('table settings has rows') as unknown,
    });
    expect(await store.ledger.count()).toBe(0);
    expect(await isPgliteDataDir(dataDir)).toBe(true);

    // A schema shared with another application's tables is not the one this release migrates PGlite to.
    const shared = await freshTarget();
    await shared.store.sql.query('CREATE TABLE their_orders (id integer PRIMARY KEY)');
    await expect(importPgliteDataDir({ from: dataDir, into: shared.store.sql, migrations })).rejects.toMatchObject({
      code: 'config_invalid',
      message: expect.stringContaining('table their_orders is in the target but not in the PGlite database') as unknown,
    });
    expect(await isPgliteDataDir(dataDir)).toBe(true);
  }, 60_000);

  it('brings a directory an older release wrote up to the current schema before copying it', async () => {
    const dataDir = join(parent, 'older', 'data');
    // A release that knew migrations up to 0006 (audit log): no approvals, no ledger integrity marks yet.
    const older = await openPgliteClient({ dataDir });
    try {
      await migrate(
        older,
        migrations.filter((migration) => migration.version <= 6),
      );
      await older.query(
        "INSERT INTO organizations (id, name, created_at) VALUES ('org_old', 'default', '2025-01-02T03:04:05.678Z')",
      );
      await older.query(
        `INSERT INTO requests (id, at, surface, stream, status, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens,
           reasoning_tokens, cost_usd, latency_ms, overhead_ms, attempts)
         VALUES ('req_old', '2025-01-02T03:04:05.678Z', 'openai-chat', false, 200, 1, 2, 0, 0, 0, 0.000000000123456789012, 1.5, 0.25, 1)`,
      );
    } finally {
      await older.close();
    }
    const { store } = await freshTarget();
    const report = await importPgliteDataDir({ from: dataDir, into: store.sql, migrations });
    expect(report.migratedVersions).toEqual(
      migrations
        .filter((migration) => migration.version > 6)
        .map((migration) => migration.version)
        .sort((left, right) => left - right),
    );
    const [row] = await store.sql.query<{ cost: string; usage_estimated: boolean; charged: boolean | null }>(
      "SELECT cost_usd::text AS cost, usage_estimated, charged FROM requests WHERE id = 'req_old'",
    );
    expect(row).toEqual({ cost: '0.000000000123456789012', usage_estimated: false, charged: null });
    expect((await store.identity.ensureOrganization('default')).id).toBe('org_old');
  }, 90_000);

  it('imports into the embedded PostgreSQL in <dataDir>/postgres without a URL, and Podium then opens the data dir', async () => {
    const { dataDir } = await install('embedded');
    const report = await importPgliteDataDirInto({ dataDir, log: () => undefined });
    expect(report.outcome).toBe('imported');
    expect(await isPgliteDataDir(dataDir)).toBe(false);
    const sql = await openStore({ dataDir, migrations });
    try {
      expect(sql.driver).toBe('embedded');
      expect(await snapshot(sql)).toEqual(expected);
    } finally {
      await sql.close();
    }
  }, 120_000);

  it('runs end to end as `podium import-pglite --data-dir … --database-url …`', async () => {
    const { home, dataDir } = await install('cli');
    const { schema } = await freshTarget();
    const databaseUrl = new URL(url);
    databaseUrl.searchParams.set('options', `-c search_path=${schema}`);
    // tsx by its resolved location: the child runs in the install's directory, where no node_modules is.
    const child = spawn(
      process.execPath,
      [
        '--import',
        import.meta.resolve('tsx'),
        join(import.meta.dirname, '../cli/podium.ts'),
        'import-pglite',
        '--data-dir',
        'data',
        '--database-url',
        databaseUrl.href,
      ],
      {
        cwd: home,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));

    expect(code, stderr).toBe(0);
    const total = Object.values(expected).reduce((sum, rows) => sum + rows.length, 0);
    expect(stdout).toContain(`Imported ${total} row(s) in ${Object.keys(expected).length} table(s)`);
    expect(stdout).toMatch(new RegExp(`^requests\\s+${ledgerRows}\\s+\\d+$`, 'm'));
    expect(stderr).toContain('verified');
    expect(await isPgliteDataDir(dataDir)).toBe(false);
    const check = openPostgresClient({ url, schema });
    try {
      expect(await snapshot(check)).toEqual(expected);
    } finally {
      await check.close();
    }
  }, 90_000);
});
