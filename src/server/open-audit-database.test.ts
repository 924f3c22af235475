/** `podium audit verify --database-url|--data-dir` reads: a PostgreSQL schema and a data directory the writer filled. */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createAuditLog,
  createAuditRepository,
  createCheckpointSigner,
  readAuditPages,
  verifyAuditLog,
} from './governance/audit/index.js';
import { openAuditDatabase, type AuditDatabase } from './open-audit-database.js';
import { podiumMigrations } from './podium-migrations.js';
import { migrate, openPostgresClient, openSqlClient, type SqlClient } from './store/index.js';
import {
  createTestSchema,
  dropTestSchema,
  postgresTestUrl,
  reachPostgres,
} from './testkit/postgres-test-server.test-suite.js';

const url = postgresTestUrl;
const { privateKey, publicKey } = generateKeyPairSync('ed25519');

/** Appends three entries to `org_a` and returns the checkpoint the writer signed at close. */
async function fill(sql: SqlClient) {
  await migrate(sql, podiumMigrations);
  const log = createAuditLog({ store: createAuditRepository(sql), signer: createCheckpointSigner(privateKey) });
  for (const index of [1, 2, 3])
    await log.append({
      tenant: 'org_a',
      kind: 'approval',
      actor: 'alice',
      subject: `req_${index}`,
      payload: { index },
    });
  await log.close();
}

async function expectIntact(database: AuditDatabase): Promise<void> {
  expect(await database.heads()).toMatchObject([{ tenant: 'org_a', seq: 3 }]);
  const report = await verifyAuditLog({
    entries: readAuditPages({ page: (query) => database.list(query), tenants: ['org_a'] }),
    checkpoints: await database.checkpoints('org_a'),
    publicKeys: [publicKey],
  });
  expect(report).toMatchObject({ ok: true, entries: 3, checkpoints: { matched: 1 } });
}

const unreachable = await reachPostgres('audit database');

/** The test URL with its search_path set to `schema` (how a verifier reaches a non-default schema). */
const inSchema = (schema: string): string => {
  const withSchema = new URL(url);
  withSchema.searchParams.set('options', `-c search_path=${schema}`);
  return withSchema.href;
};

describe('openAuditDatabase', () => {
  it.skipIf(unreachable !== undefined)(
    'reads a PostgreSQL database the writer filled, without migrating it',
    async () => {
      const schema = await createTestSchema();
      try {
        const sql = openPostgresClient({ url, schema });
        await fill(sql).finally(() => sql.close());
        const database = await openAuditDatabase({ databaseUrl: inSchema(schema) });
        await expectIntact(database).finally(() => database.close());
      } finally {
        await dropTestSchema(schema);
      }
    },
  );

  it.skipIf(unreachable !== undefined)('says so when the database has no audit log', async () => {
    await expect(
      openAuditDatabase({ databaseUrl: inSchema(`podium_test_missing_${randomUUID().slice(0, 8)}`) }),
    ).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringMatching(/no audit log/) as unknown,
    });
  });

  it('reads a data directory (its embedded PostgreSQL) once the Podium using it has stopped', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'podium-audit-data-'));
    try {
      const sql = await openSqlClient({ dataDir });
      await fill(sql).finally(() => sql.close());
      const database = await openAuditDatabase({ dataDir });
      await expectIntact(database).finally(() => database.close());
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
