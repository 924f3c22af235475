import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditCheckpoint } from '../contract/index.js';
import {
  createAuditLog,
  createCheckpointFileSink,
  createCheckpointSigner,
  createMemoryAuditStore,
  type MemoryAuditStore,
} from '../server/governance/audit/index.js';
import { createTestContext } from './cli-test-context.test-suite.js';
import { startFakeAdminApi, type FakeAdminApi } from './fake-admin-api.test-suite.js';
import { runCli } from './run-cli.js';

const signer = createCheckpointSigner(generateKeyPairSync('ed25519').privateKey);
const tenants = ['org_a', 'org_b'];

let api: FakeAdminApi;
let store: MemoryAuditStore;
let stored: AuditCheckpoint[];
let directory: string;
let checkpointFile: string;
let publicKeyFile: string;

/** The audit endpoints of the admin API, served from the in-memory store the real writer filled. */
function installAuditApi(fake: FakeAdminApi): void {
  fake.addRoute('GET', /^\/api\/v1\/audit\/entries$/, (call) => {
    const after = Number(call.query.after ?? 0);
    const limit = Number(call.query.limit ?? 1000);
    const data = store
      .entriesOf(call.query.tenant ?? '')
      .filter((entry) => entry.seq > after)
      .slice(0, limit);
    return { status: 200, body: { data, nextAfter: data.length < limit ? null : (data.at(-1)?.seq ?? null) } };
  });
  fake.addRoute('GET', /^\/api\/v1\/audit\/heads$/, () => ({
    status: 200,
    body: {
      data: tenants.flatMap((tenant) =>
        store
          .entriesOf(tenant)
          .slice(-1)
          .map((entry) => ({ tenant, seq: entry.seq, hash: entry.hash })),
      ),
    },
  }));
  fake.addRoute('GET', /^\/api\/v1\/audit\/checkpoints$/, (call) => ({
    status: 200,
    body: { data: stored.filter((checkpoint) => !call.query.tenant || checkpoint.tenant === call.query.tenant) },
  }));
  fake.addRoute('GET', /^\/api\/v1\/audit\/public-key$/, () => ({
    status: 200,
    body: { keyId: signer.keyId, publicKey: signer.publicKeyPem },
  }));
}

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'podium-audit-cli-'));
  checkpointFile = join(directory, 'checkpoints.jsonl');
  publicKeyFile = join(directory, 'audit.pub.pem');
  await writeFile(publicKeyFile, signer.publicKeyPem);
  store = createMemoryAuditStore();
  stored = [];
  const copy = { name: 'copy', write: (checkpoint: AuditCheckpoint) => Promise.resolve(void stored.push(checkpoint)) };
  const log = createAuditLog({
    store,
    signer,
    sinks: [createCheckpointFileSink({ path: checkpointFile }), copy],
    checkpointEvery: 4,
  });
  for (let index = 1; index <= 12; index += 1) {
    await log.append({
      tenant: tenants[index % 2] ?? 'org_a',
      kind: 'decision',
      actor: 'key_1',
      subject: `req_${index}`,
      payload: { amount: index },
    });
  }
  await log.close();
  api = await startFakeAdminApi(createServer);
  installAuditApi(api);
});
afterEach(async () => {
  await api.close();
  await rm(directory, { recursive: true, force: true });
});

async function podium(...argv: string[]) {
  const context = createTestContext({ url: api.url, adminKey: api.adminKey });
  const exitCode = await runCli({ ...context, argv });
  return { exitCode, stdout: context.stdout.text, stderr: context.stderr.text };
}

describe('podium audit verify', () => {
  it('exits 0 on an intact log, with a line per tenant, reading every page through the admin API', async () => {
    const result = await podium('audit', 'verify', '--checkpoints', checkpointFile, '--public-key', publicKeyFile);
    const latest =
      stored
        .map((checkpoint) => checkpoint.at)
        .sort()
        .at(-1) ?? '';
    expect(result).toEqual({
      exitCode: 0,
      stdout:
        'TENANT  ENTRIES  LAST SEQ  SIGNED UP TO\norg_a   6        6         6\norg_b   6        6         6\nAudit log intact: 12 entries in 2 tenant(s), 4 signed checkpoint(s) matched.\n' +
        `checkpoints: verified against 4 exported checkpoint(s) from ${checkpointFile}, the latest signed at ${latest}\n`,
      stderr: '',
    });
    expect(api.calls.filter((call) => call.path === '/api/v1/audit/entries').map((call) => call.query)).toEqual([
      { tenant: 'org_a', after: '0', limit: '5000' },
      { tenant: 'org_b', after: '0', limit: '5000' },
    ]);
  });

  it('exits 1 with one line per problem when entries were edited, deleted or cut off', async () => {
    const chain = store.entriesOf('org_a');
    const edited = chain[1];
    if (edited === undefined) throw new Error('no entry 2');
    chain[1] = { ...edited, payloadJson: '{"amount":1000000}' };
    chain.splice(3, 1);
    store.entriesOf('org_b').splice(4);

    const result = await podium('audit', 'verify', '--checkpoints', checkpointFile, '--public-key', publicKeyFile);
    expect(result.exitCode).toBe(1);
    expect(result.stdout.split('\n')).toEqual([
      'org_a seq 2: edited: its content does not match its hash: the entry was edited',
      'org_a seq 4: missing: entry 4 is missing: deleted',
      'org_b seq 5: truncated: the log ends at seq 4 but a checkpoint signed at ' +
        (stored.find((checkpoint) => checkpoint.tenant === 'org_b' && checkpoint.seq === 6)?.at ?? '') +
        ' vouches for seq 6: entries 5..6 were removed',
      '',
    ]);
    expect(result.stderr).toBe(
      `checkpoints: verified against 4 exported checkpoint(s) from ${checkpointFile}, the latest signed at ${
        stored
          .map((checkpoint) => checkpoint.at)
          .sort()
          .at(-1) ?? ''
      }\nerror: the audit log failed verification: 3 problem(s)\n`,
    );
  });

  it('reports forged and unreadable checkpoint lines of the exported file', async () => {
    const first = stored.find((checkpoint) => checkpoint.tenant === 'org_a');
    if (first === undefined) throw new Error('no checkpoint of org_a');
    await appendFile(checkpointFile, `${JSON.stringify({ ...first, seq: 99 })}\nnot json\n`);
    const result = await podium(
      'audit',
      'verify',
      '--tenant',
      'org_a',
      '--checkpoints',
      checkpointFile,
      '--public-key',
      publicKeyFile,
      '--json',
    );
    expect(result.exitCode).toBe(1);
    const report = JSON.parse(result.stdout) as {
      ok: boolean;
      problems: { kind: string; seq: number }[];
      unreadableCheckpoints: string[];
      entries: number;
    };
    expect(report).toMatchObject({ ok: false, entries: 6, problems: [{ kind: 'forged-checkpoint', seq: 99 }] });
    expect(report.unreadableCheckpoints).toEqual([
      expect.stringMatching(/checkpoints\.jsonl line 6: not a checkpoint/),
    ]);
  });

  it('falls back to the stored checkpoints and the server’s key, saying what that trusts', async () => {
    const result = await podium('audit', 'verify', '--tenant', 'org_b');
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toMatch(
      /^warning: no --checkpoints file: using the checkpoints stored in http:\/\/127\.0\.0\.1:\d+, which whoever controls the database can delete/,
    );
    expect(result.stderr).toContain(`warning: no --public-key: trusting the key http`);
    expect(result.stderr).toContain(`(key ${signer.keyId})`);
    expect(api.calls.map((call) => call.path)).toEqual([
      '/api/v1/audit/checkpoints',
      '/api/v1/audit/public-key',
      '/api/v1/audit/entries',
    ]);
    expect(result.stdout).toMatch(
      /^checkpoints: none exported were checked \(only the 2 stored in the database.*\) — a full rewrite of the data dir would verify as intact$/m,
    );
  });

  it('catches a tenant deleted from the database whose checkpoints remain in the file', async () => {
    store.entriesOf('org_b').splice(0);
    const result = await podium('audit', 'verify', '--checkpoints', checkpointFile, '--public-key', publicKeyFile);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/^org_b seq 1: truncated: the log ends at seq 0/m);
  });

  it('refuses a wrong public key file, two database sources, and reports a database without an audit log', async () => {
    await writeFile(join(directory, 'bad.pem'), 'nope');
    expect(
      await podium('audit', 'verify', '--checkpoints', checkpointFile, '--public-key', join(directory, 'bad.pem')),
    ).toMatchObject({
      exitCode: 1,
      stderr: expect.stringMatching(/--public-key .*bad\.pem is not a readable PEM public key/) as unknown,
    });
    expect(await podium('audit', 'verify', '--database-url', 'postgres://x', '--data-dir', directory)).toMatchObject({
      exitCode: 2,
      stderr: expect.stringMatching(/^error: give --database-url or --data-dir, not both/) as unknown,
    });
    const base = new URL(process.env.PODIUM_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
    base.searchParams.set('options', `-c search_path=podium_missing_${randomUUID().slice(0, 8)}`);
    const fromDatabase = await podium('audit', 'verify', '--database-url', base.href);
    expect(fromDatabase.exitCode).toBe(1);
    // Without a PostgreSQL to ask, the connection error is the failure instead.
    expect(fromDatabase.stderr).toMatch(/^error: (this database has no audit log|.*ECONNREFUSED)/);
  });
});
