import { execFile } from 'node:child_process';
import { chmod, cp, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { postgresBinaries } from './postgres-binaries.js';
import { reachableBinaries, traversableByOthers } from './reachable-binaries.js';

const run = promisify(execFile);
const asRoot = process.getuid?.() === 0;

describe.skipIf(!asRoot)('PostgreSQL programs the `postgres` account can reach (as root)', () => {
  const made: string[] = [];
  afterAll(async () => {
    for (const dir of made) await rm(dir, { recursive: true, force: true });
  });

  it('mirrors an install under a root-only directory, once, where `postgres` can run it', async () => {
    const real = await postgresBinaries();
    // An install as a CI checkout in a fresh temporary directory (0700) would have it.
    const hidden = await mkdtemp(join(tmpdir(), 'podium-hidden-'));
    made.push(hidden);
    const install = join(hidden, 'linux-x64');
    await cp(dirname(dirname(real.postgres)), join(install, 'native'), { recursive: true, verbatimSymlinks: true });
    const binaries = { initdb: join(install, 'native/bin/initdb'), postgres: join(install, 'native/bin/postgres') };
    expect(await traversableByOthers(dirname(binaries.postgres))).toBe(false);
    await expect(run('runuser', ['-u', 'postgres', '--', binaries.postgres, '--version'])).rejects.toThrow();

    const mirrorRoot = await mkdtemp(join(tmpdir(), 'podium-mirrors-'));
    made.push(mirrorRoot);
    await chmod(mirrorRoot, 0o755);
    const reachable = await reachableBinaries({ binaries, mirrorRoot });
    expect(reachable.postgres.startsWith(mirrorRoot)).toBe(true);
    const { stdout } = await run('runuser', ['-u', 'postgres', '--', reachable.initdb, '--version']);
    expect(stdout).toMatch(/initdb \(PostgreSQL\) 17\./);
    // The second start reuses the mirror.
    const before = (await stat(reachable.postgres)).mtimeMs;
    expect(await reachableBinaries({ binaries, mirrorRoot })).toEqual(reachable);
    expect((await stat(reachable.postgres)).mtimeMs).toBe(before);
  }, 60_000);

  it('leaves an install others can traverse where it is', async () => {
    const real = await postgresBinaries();
    expect(await reachableBinaries({ binaries: real })).toEqual(real);
  });
});
