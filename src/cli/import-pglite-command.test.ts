import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestContext } from './cli-test-context.test-suite.js';
import { runCli } from './run-cli.js';

// The import itself runs end to end (PGlite into PostgreSQL and into the embedded PostgreSQL) in src/server/import-pglite-data-dir.test.ts.
describe('podium import-pglite', () => {
  const parent = mkdtemp(join(tmpdir(), 'podium-import-cli-'));
  afterAll(async () => rm(await parent, { recursive: true, force: true }));

  it('is listed, explains itself, and requires --data-dir', async () => {
    const help = createTestContext();
    expect(await runCli({ ...help, argv: ['--help'] })).toBe(0);
    expect(help.stdout.text).toMatch(/import-pglite\s+import a PGlite data directory/);

    const usage = createTestContext();
    expect(await runCli({ ...usage, argv: ['import-pglite'] })).toBe(2);
    expect(usage.stderr.text).toContain('error: --data-dir is required');
    expect(usage.stderr.text).toContain('podium import-pglite --data-dir <dir>');
  });

  it('names what is wrong with the directory before opening any database', async () => {
    const empty = join(await parent, 'empty');
    await mkdir(empty);
    const context = createTestContext();
    expect(
      await runCli({
        ...context,
        argv: ['import-pglite', '--data-dir', empty, '--database-url', 'postgres://nobody@127.0.0.1:1/none'],
      }),
    ).toBe(1);
    expect(context.stderr.text).toBe(
      `error: ${empty} is not a PGlite data directory (it has no PG_VERSION and base/): nothing to import\n`,
    );
  });
});
