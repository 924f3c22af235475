/**
 * The server's whole schema: the store's own suite (SQL client, migration runner, settings) on every driver with
 * every capability's migrations, and proof that splitting the one migration list across capabilities changed
 * nothing a database has recorded.
 */
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { podiumMigrations } from './podium-migrations.js';
import { migrate, openPostgresClient } from './store/index.js';
import { describeOnEachDriver } from './testkit/describe-on-each-driver.test-suite.js';
import {
  createTestSchema,
  dropTestSchema,
  postgresTestUrl,
  reachPostgres,
} from './testkit/postgres-test-server.test-suite.js';
import { describeStoreConformance } from './store/store-conformance.test-suite.js';

/**
 * The single list as released before capabilities owned their migrations (store/migrations/index.ts at
 * caffe75): version, name and the SHA-256 of the SQL. The runner records version and name and skips a
 * recorded version, so equal triples mean a database it migrated is accepted unchanged.
 */
const releasedBeforeTheSplit: ReadonlyArray<readonly [number, string, string]> = [
  [1, 'identity-and-ledger', 'c35ad81bf1b67d6e95f6f83706886c5f7c437ebe4a506ee2f613e0fcd1dec87e'],
  [2, 'governance', 'f3c4eaefc4a8a94f47aa53111c0db8bf4be1be099f4e9dd0acdaf295e4452fa0'],
  [3, 'counter-operations', '25bc5fa2403c321335f1c7f59da95a5aa868ad628064feef1d178701502a0b18'],
  [4, 'routing-and-cache', 'a468d713ff58c307cf0011dca66744028f7a760df74034d595247310f0639c08'],
  [5, 'shadow-results', '5bfb44610a6d2cc9db8f4f0ebb04c962394f8b7d92ddc3642406ceeb8679e3a4'],
  [6, 'audit-log', '9bf47f1dadc03e2db74f29e6feef32610bc580521a53d70ced825a15429fe1db'],
  [8, 'approvals', '78c37204594b9b401a2a88fc1e85cb139ad95f485580feb7fdb0725c1822ed5e'],
  [9, 'data-findings', '7cd9f9d4cc7d10c399fc7a0dd5c7b703729756f870c97acebfc8126223ceddb7'],
  [10, 'ledger-integrity', 'd08fe43f64aafcfeb81e2d296ee6b9e6f13b63a1edebc0df10f74e90992a8d9b'],
  [11, 'ledger-charged', 'fbd578bc64c3dca8ee5f31b0382b677c3352d03dc21f099c5cf34f7b6bf5e1e0'],
  [12, 'semantic-cache', 'f6a5a4fb26fa6adc78510bade27454afe1ba01c11fa046c97c1185f90eb26872'],
  [13, 'tool-pins', '2519f0e5e0ed2dbd23dfc00be23a29195906b58d6df6e7821119ebe76eee8c2c'],
  // 13 is the tool pins' migration (tools/); 14 the ledger's tool calls.
  [14, 'tool-calls', 'db2093f478c2518602a896ddf41f24bdda643e72c07e2d6248f18be16351e268'],
];

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

describeOnEachDriver('the server schema', podiumMigrations, (database) => {
  describeStoreConformance(database, podiumMigrations);

  it('records exactly the versions and names the single list did', async () => {
    const rows = await database().query<{ version: number; name: string }>(
      'SELECT version, name FROM podium_migrations ORDER BY version',
    );
    expect(rows.map((row) => [row.version, row.name])).toEqual(
      releasedBeforeTheSplit.map(([version, name]) => [version, name]),
    );
  });
});

describe('the migrations each capability owns', () => {
  it('are, joined, the released list: same versions, names and byte-identical SQL', () => {
    const joined = [...podiumMigrations]
      .sort((a, b) => a.version - b.version)
      .map((migration) => [migration.version, migration.name, sha256(migration.sql)]);
    expect(joined).toEqual(releasedBeforeTheSplit);
  });
});

const unreachable = await reachPostgres('schema');

describe.skipIf(unreachable !== undefined)('the server schema on postgres', () => {
  const schemas: string[] = [];
  afterAll(async () => {
    for (const name of schemas) await dropTestSchema(name);
  });

  it('lets several replicas migrate one database at the same moment', async () => {
    const name = await createTestSchema();
    schemas.push(name);
    const replicas = [1, 2, 3, 4].map(() => openPostgresClient({ url: postgresTestUrl, schema: name }));
    try {
      const applied = await Promise.all(replicas.map((sql) => migrate(sql, podiumMigrations)));
      const versions = releasedBeforeTheSplit.map(([version]) => version);
      expect(applied.flat().sort((a, b) => a - b)).toEqual(versions);
      const [first] = replicas;
      const rows = await first?.query<{ version: number }>('SELECT version FROM podium_migrations ORDER BY version');
      expect(rows?.map((row) => row.version)).toEqual(versions);
    } finally {
      await Promise.all(replicas.map((sql) => sql.close()));
    }
  });

  it('refuses a schema name that is not a plain identifier', () => {
    expect(() => openPostgresClient({ url: postgresTestUrl, schema: 'x; DROP TABLE y' })).toThrow(/schema/);
  });
});
