/**
 * As root, the embedded PostgreSQL runs as the OS user `postgres`, which must be able to reach its programs.
 * They sit in `node_modules`, wherever Podium was installed: often under a directory only root may enter
 * (`/root/app`, a CI checkout in a 0700 temporary directory). Such an install is mirrored once into a
 * root-owned, world-traversable directory under the OS temporary directory, reused by every later start.
 */
import { cp, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';

const completeMarker = '.podium-mirror-complete';

/** The programs run (structurally `ServerPrograms`; declared here so the two files do not import each other). */
export interface ServerPrograms {
  initdb: string;
  postgres: string;
}

/** Whether every directory from `dir` up to the root lets other users through (o+x). */
export async function traversableByOthers(dir: string): Promise<boolean> {
  for (let current = dir; ; current = dirname(current)) {
    const info = await stat(current);
    if ((info.mode & 0o001) === 0) return false;
    if (dirname(current) === current) return true;
  }
}

export interface ReachableBinariesOptions {
  binaries: ServerPrograms;
  /** Where mirrors are kept (default: the OS temporary directory). */
  mirrorRoot?: string | undefined;
}

/**
 * The binaries as another account can run them: unchanged when their install is traversable, otherwise
 * the paths in a mirror of the install (`bin/`, `lib/`, `share/` side by side, so the programs still find
 * their libraries). The mirror is copied under a temporary name and renamed, so a concurrent start never
 * runs a half-copied one.
 */
export async function reachableBinaries(options: ReachableBinariesOptions): Promise<ServerPrograms> {
  const { binaries } = options;
  const binDir = dirname(binaries.postgres);
  if (await traversableByOthers(binDir)) return binaries;
  const installDir = dirname(binDir);
  const version = await packageVersion(installDir);
  const mirrorRoot = options.mirrorRoot ?? tmpdir();
  const mirror = join(mirrorRoot, `podium-postgres-${basename(dirname(installDir))}-${version}`);
  if (!(await isComplete(mirror))) {
    const staging = `${mirror}.${process.pid}.${Date.now()}`;
    await mkdir(staging, { recursive: true, mode: 0o755 });
    try {
      await cp(installDir, staging, { recursive: true, verbatimSymlinks: true });
      await writeFile(join(staging, completeMarker), version);
      await rename(staging, mirror).catch(async (error: unknown) => {
        // Another start finished its mirror first: use that one.
        if (!(await isComplete(mirror))) throw error;
      });
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }
  return {
    initdb: join(mirror, relative(installDir, binaries.initdb)),
    postgres: join(mirror, relative(installDir, binaries.postgres)),
  };
}

async function isComplete(mirror: string): Promise<boolean> {
  return stat(join(mirror, completeMarker)).then(
    () => true,
    () => false,
  );
}

/** The platform package's version (a new release gets a new mirror); `unknown` when it has no package.json. */
async function packageVersion(installDir: string): Promise<string> {
  const text = await readFile(join(dirname(installDir), 'package.json'), 'utf8').catch(() => '{}');
  const version = (JSON.parse(text) as { version?: unknown }).version;
  return typeof version === 'string' && /^[\w.-]+$/.test(version) ? version : 'unknown';
}
