import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, chown, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PodiumError } from '../../contract/index.js';
import { createBoundedLog, type BoundedLog } from './bounded-log.js';
import { embeddedPostgresSettings } from './embedded-postgres-settings.js';
import { startParentWatchdog, type ParentWatchdog } from './parent-watchdog.js';
import { postgresBinaries, serverAccount, type ServerAccount } from './postgres-binaries.js';

export interface EmbeddedClusterOptions {
  /** The cluster's directory (`<PODIUM_DATA_DIR>/postgres`, or a temporary one). */
  clusterDir: string;
  /** The `postgres` role's password; connections are accepted from 127.0.0.1 only, with this password. */
  password: string;
  /**
   * false for a throwaway cluster: no fsync, no full-page writes, asynchronous commit. A durable one keeps
   * PostgreSQL's defaults (fsync on).
   */
  durable: boolean;
}

export interface StartOptions extends EmbeddedClusterOptions {
  /** Picks the port to try; a free one of 127.0.0.1 by default (tests take it to provoke the bind race). */
  choosePort?: (() => Promise<number>) | undefined;
  /**
   * The server's OS account when the caller has already looked it up: as root, each lookup spawns `id` twice,
   * and a restart is measured in milliseconds (`{ account: undefined }` means "this process's own user").
   */
  known?: { account: ServerAccount | undefined } | undefined;
  /**
   * Called once the postmaster is spawned, before it is ready (~0.1 s): the caller can load modules meanwhile,
   * on this core, while the server starts on another. Not called again for a retry on another port.
   */
  onSpawned?: (() => void) | undefined;
}

/** A running PostgreSQL server, child of this process. */
export interface EmbeddedPostgresServer {
  readonly port: number;
  readonly pid: number;
  /** A connection URL for `database` on this server. */
  url(database: string): string;
  /** The server's last lines of output. */
  logLines(): string[];
  /** Fast shutdown (SIGINT), waiting for the postmaster to exit; idempotent. */
  stop(): Promise<void>;
  /** Settles when the postmaster has exited, stopped or not. */
  readonly exited: Promise<void>;
}

const startAttempts = 5;
const readyTimeoutMs = 60_000;
const stopTimeoutMs = 30_000;
const readyLine = 'database system is ready to accept connections';
const portTakenLines = ['could not bind IPv4 address', 'could not create any TCP/IP sockets', 'Address already in use'];
/** Only PostgreSQL's messages, in English, whatever the machine's locale: readiness is read from them. */
const serverEnv = { LC_ALL: 'C' };
/** Servers this process started and has not stopped: stopped at exit (see stopAllAtExit). */
const running = new Set<{ child: ChildProcess; durable: boolean }>();

/**
 * Creates a cluster in `clusterDir` with `initdb`. It is built in a sibling directory and renamed into place, so
 * a Podium killed during initdb leaves no half-made cluster behind that a later start would take as valid.
 * Password authentication (scram) from 127.0.0.1 only, and no Unix socket: on a shared host, trust on
 * loopback would let every local user in.
 */
export async function initialiseCluster(options: EmbeddedClusterOptions): Promise<void> {
  const { initdb } = await postgresBinaries();
  const account = await serverAccount();
  const building = `${options.clusterDir}.init-${randomBytes(4).toString('hex')}`;
  await mkdir(dirname(options.clusterDir), { recursive: true });
  await ownedDirectory(building, account);
  // initdb reads the password from a file the server's account can read; it never sits in the data dir.
  const secrets = await mkdtemp(join(tmpdir(), 'podium-initdb-'));
  try {
    await ownedDirectory(secrets, account);
    const passwordFile = join(secrets, 'password');
    await writeFile(passwordFile, `${options.password}\n`, { mode: 0o600 });
    if (account !== undefined) await chown(passwordFile, account.uid, account.gid);
    const flags = [
      '--pgdata',
      building,
      '--username=postgres',
      '--auth=scram-sha-256',
      `--pwfile=${passwordFile}`,
      '--encoding=UTF8',
      '--locale=C',
    ];
    await runToEnd(initdb, options.durable ? flags : [...flags, '--no-sync'], account);
    const hba = join(building, 'pg_hba.conf');
    await writeFile(
      hba,
      '# Written by Podium: password authentication from this machine only.\nhost all all 127.0.0.1/32 scram-sha-256\n',
      { mode: 0o600 },
    );
    if (account !== undefined) await chown(hba, account.uid, account.gid);
    await rename(building, options.clusterDir);
  } catch (error) {
    await rm(building, { recursive: true, force: true });
    throw error;
  } finally {
    await rm(secrets, { recursive: true, force: true });
  }
}

/**
 * Starts `postgres` on an initialised cluster, on a free port of 127.0.0.1. The port is chosen, released, then
 * bound by the server: another process can take it in between, so a start that fails to bind is retried on
 * another port. The postmaster runs in its own process group (a Ctrl-C in the terminal reaches Podium only,
 * which drains and then stops the server last), with a watchdog that stops it if Podium dies without closing.
 * @throws PodiumError `store_unavailable` when the server does not start; the message has its last lines.
 */
export async function startEmbeddedPostgres(options: StartOptions): Promise<EmbeddedPostgresServer> {
  let lastError: unknown;
  const attemptOptions = { ...options };
  for (let attempt = 1; attempt <= startAttempts; attempt += 1) {
    const port = await (options.choosePort ?? freeLoopbackPort)();
    try {
      return await startOnPort(attemptOptions, port);
    } catch (error) {
      if (!(error instanceof PortTaken)) throw error;
      lastError = error;
    }
  }
  throw new PodiumError('store_unavailable', `embedded PostgreSQL found no free port in ${startAttempts} attempts`, {
    cause: lastError,
  });
}

class PortTaken extends Error {}

async function startOnPort(options: StartOptions, port: number): Promise<EmbeddedPostgresServer> {
  const { postgres } = await postgresBinaries();
  const account = options.known === undefined ? await serverAccount() : options.known.account;
  const settings = embeddedPostgresSettings({ durable: options.durable });
  const args = ['-D', options.clusterDir, '-p', String(port), ...settings.flatMap((setting) => ['-c', setting])];
  const child = spawn(postgres, args, {
    ...account,
    cwd: options.clusterDir,
    env: serverEnv,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = createBoundedLog();
  const onSpawned = options.onSpawned;
  // Once: a retry on another port must not start the caller's work a second time.
  options.onSpawned = undefined;
  onSpawned?.();
  await new Promise<void>((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGQUIT');
      reject(failure(`did not become ready in ${readyTimeoutMs / 1000} s`, log));
    }, readyTimeoutMs);
    const onOutput = (chunk: Buffer): void => {
      const text = chunk.toString('utf8');
      log.write(text);
      if (text.includes(readyLine)) {
        clearTimeout(timer);
        child.removeListener('exit', onExit);
        resolvePromise();
      }
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
      clearTimeout(timer);
      const text = log.lines().join('\n');
      if (portTakenLines.some((line) => text.includes(line))) reject(new PortTaken(text));
      else reject(failure(`exited before it was ready (${signal ?? `code ${code ?? '?'}`})`, log));
    };
    child.stdout?.on('data', onOutput);
    child.stderr?.on('data', onOutput);
    child.once('exit', onExit);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(
        new PodiumError('store_unavailable', `embedded PostgreSQL could not be started: ${error.message}`, {
          cause: error,
        }),
      );
    });
  });
  return runningServer(child, log, { ...options, port });
}

function runningServer(
  child: ChildProcess,
  log: BoundedLog,
  options: EmbeddedClusterOptions & { port: number },
): EmbeddedPostgresServer {
  const pid = child.pid ?? 0;
  const entry = { child, durable: options.durable };
  running.add(entry);
  const watchdog: ParentWatchdog = startParentWatchdog({
    serverPid: pid,
    signal: options.durable ? 'INT' : 'QUIT',
    removeDir: options.durable ? undefined : options.clusterDir,
  });
  // Neither the server nor its pipes keep Podium's event loop alive: stopping is close()'s job, or exit's.
  child.unref();
  for (const stream of [child.stdout, child.stderr]) (stream as { unref?: () => void } | null)?.unref?.();
  const exited = new Promise<void>((resolvePromise) => child.once('exit', () => resolvePromise()));
  // A server that died on its own: its watchdog must not signal the pid later (the OS may reuse it).
  void exited.then(() => {
    watchdog.cancel();
    running.delete(entry);
  });
  let stopping: Promise<void> | undefined;
  const password = encodeURIComponent(options.password);
  return {
    port: options.port,
    pid,
    url: (database) => `postgres://postgres:${password}@127.0.0.1:${options.port}/${encodeURIComponent(database)}`,
    logLines: () => log.lines(),
    exited,
    stop() {
      stopping ??= (async () => {
        watchdog.cancel();
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGINT');
          const timer = setTimeout(() => child.kill('SIGQUIT'), stopTimeoutMs);
          await exited;
          clearTimeout(timer);
        }
        running.delete(entry);
      })();
      return stopping;
    },
  };
}

/**
 * At exit (a crash, `process.exit`) nothing asynchronous runs: the servers are signalled and finish on their
 * own, fast shutdown for a durable cluster, immediate for a throwaway one (its watchdog removes the directory).
 */
process.on('exit', () => {
  for (const { child, durable } of running) child.kill(durable ? 'SIGINT' : 'SIGQUIT');
});

function failure(what: string, log: BoundedLog): PodiumError {
  const tail = log.lines().slice(-20).join('\n');
  return new PodiumError(
    'store_unavailable',
    `embedded PostgreSQL ${what}${tail === '' ? '' : `; its last output:\n${tail}`}`,
  );
}

/** Created for, and owned by, the server's account (PostgreSQL requires its data directory to be 0700). */
async function ownedDirectory(path: string, account: ServerAccount | undefined): Promise<void> {
  await mkdir(path, { recursive: true, mode: 0o700 });
  await chmod(path, 0o700);
  if (account !== undefined) await chown(path, account.uid, account.gid);
}

function runToEnd(program: string, args: string[], account: ServerAccount | undefined): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const log = createBoundedLog();
    const child = spawn(program, args, {
      ...account,
      cwd: tmpdir(),
      env: serverEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk: Buffer) => log.write(chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => log.write(chunk.toString('utf8')));
    child.once('error', (error) =>
      reject(
        new PodiumError('store_unavailable', `embedded PostgreSQL: ${program} could not run: ${error.message}`, {
          cause: error,
        }),
      ),
    );
    child.once('close', (code) =>
      code === 0 ? resolvePromise() : reject(failure(`initdb failed (code ${code ?? '?'})`, log)),
    );
  });
}

/** A port the kernel reports free on 127.0.0.1 right now (see startEmbeddedPostgres on the race). */
function freeLoopbackPort(): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolvePromise(port));
    });
  });
}
