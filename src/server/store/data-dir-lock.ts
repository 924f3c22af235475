import { readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { PodiumError } from '../../contract/index.js';

/**
 * One Podium per data directory. PGlite took no lock of its own (two processes on one directory both
 * "committed", and one's rows were silently gone), hence this lock. With the embedded PostgreSQL the server
 * locks its cluster (`postmaster.pid`), but this lock is still what lets a start treat a live postmaster on
 * the cluster as an orphan to stop (leftover-postmaster.ts): no live Podium can own it.
 * The holder refreshes the file's mtime; a lock not refreshed for `staleAfterMs` belongs to a process that died
 * (possibly in another container sharing the volume, where no pid can be checked) and is taken over.
 */
export interface DataDirLock {
  release(): Promise<void>;
}

const lockFileName = 'podium.lock';
const refreshEveryMs = 5_000;
const staleAfterMs = 30_000;
/** Held by this process: a second open in the same process must be refused too, whatever the pid says. */
const heldHere = new Set<string>();

interface LockOwner {
  pid: number;
  hostname: string;
}

/** @throws PodiumError `config_invalid` while another live Podium holds the directory. */
export async function acquireDataDirLock(dataDir: string): Promise<DataDirLock> {
  const path = join(resolve(dataDir), lockFileName);
  if (heldHere.has(path)) throw inUse(dataDir, 'this process');
  const owner: LockOwner = { pid: process.pid, hostname: hostname() };
  try {
    await writeFile(path, JSON.stringify(owner), { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const holder = await liveHolder(path);
    if (holder !== undefined) throw inUse(dataDir, `process ${holder.pid} on ${holder.hostname}`);
    await rm(path, { force: true });
    // Exclusive create again: of two processes taking over the same stale lock, one loses here.
    await writeFile(path, JSON.stringify(owner), { flag: 'wx' }).catch((retry: unknown) => {
      throw inUse(dataDir, 'another process starting at the same moment', retry);
    });
  }
  heldHere.add(path);
  const refresh = setInterval(() => {
    const now = new Date();
    utimes(path, now, now).catch(() => undefined);
  }, refreshEveryMs);
  refresh.unref();
  return {
    async release() {
      clearInterval(refresh);
      heldHere.delete(path);
      await rm(path, { force: true });
    },
  };
}

/** The lock's owner if it may still be running; undefined when the lock is stale. */
async function liveHolder(path: string): Promise<LockOwner | undefined> {
  const [text, info] = await Promise.all([readFile(path, 'utf8'), stat(path)]).catch(
    () => [undefined, undefined] as const,
  );
  if (text === undefined || info === undefined) return undefined;
  const owner = parseOwner(text);
  // On this host a pid answers directly. Our own pid here means a previous run whose pid we reuse (containers).
  if (owner !== undefined && owner.hostname === hostname())
    return owner.pid !== process.pid && isRunning(owner.pid) ? owner : undefined;
  return Date.now() - info.mtimeMs < staleAfterMs ? (owner ?? { pid: 0, hostname: 'an unknown host' }) : undefined;
}

function parseOwner(text: string): LockOwner | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    return typeof value.pid === 'number' && typeof value.hostname === 'string'
      ? { pid: value.pid, hostname: value.hostname }
      : undefined;
  } catch {
    return undefined;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function inUse(dataDir: string, holder: string, cause?: unknown): PodiumError {
  return new PodiumError(
    'config_invalid',
    `data directory ${dataDir} is in use by ${holder}: run one Podium per data directory, or set PODIUM_DATABASE_URL ` +
      `to share a PostgreSQL database between replicas (a lock left by a crash on another host expires after ${staleAfterMs / 1000} s)`,
    { cause },
  );
}
