/**
 * Podium as `npm start` runs it: the compiled CLI, `node dist/cli/podium.js start`, in its own process,
 * configured by the podium.yaml in its working directory and the environment. Not forked with tsx: the
 * loader's compile work and its esbuild service would be counted in Podium's start time and memory.
 * Readiness is the "listening on" line of its output; CPU time comes from /proc (there is no IPC channel);
 * stop is SIGTERM, the signal a service manager sends, which drains and closes the store.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BenchChild } from './start-child.js';

export interface StartPodiumProcessOptions {
  /** The directory holding podium.yaml; the process runs there. */
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Extra Node flags, e.g. `--cpu-prof`. */
  nodeFlags?: string[] | undefined;
  startTimeoutMs: number;
}

/** The compiled CLI; `npm run bench:gateway` builds it first. */
export const compiledCli = fileURLToPath(new URL('../../dist/cli/podium.js', import.meta.url));
const listening = /podium: listening on (http:\/\/[^\s]+)/;
/** A line longer than this is not the readiness line; the buffer never grows past it. */
const maxPendingChars = 8_192;
const stopGraceMs = 8_000;
/** USER_HZ: the unit of utime and stime in /proc/<pid>/stat on every Linux the bench runs on. */
const clockTicksPerSecond = 100;
const started = new Set<ChildProcess>();

// Whatever ends the bench (a failure, the watchdog's process.exit), no Podium outlives it.
process.on('exit', () => {
  for (const child of started) child.kill('SIGKILL');
});

/** User + system CPU ms of a process, from /proc/<pid>/stat (fields 14 and 15). */
function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces and parentheses: fields after the last ')' are fixed.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / clockTicksPerSecond;
}

function waitForUrl(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let pending = '';
    const timer = setTimeout(() => finish(new Error(`not listening within ${timeoutMs} ms`)), timeoutMs);
    const onData = (chunk: Buffer): void => {
      process.stderr.write(chunk);
      pending = (pending + chunk.toString('utf8')).slice(-maxPendingChars);
      const match = listening.exec(pending);
      if (match?.[1]) finish(undefined, match[1]);
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null): void =>
      finish(new Error(`exited (code ${code ?? 'none'}, signal ${signal ?? 'none'}) before listening`));
    function finish(error: Error | undefined, url?: string): void {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
      // Later output still goes to our stderr (our stdout carries the table and the JSON line only).
      child.stdout?.pipe(process.stderr, { end: false });
      if (url !== undefined) resolve(url);
      else reject(error ?? new Error('unreachable'));
    }
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
  });
}

/** Spawns the compiled `podium start` and resolves once it listens; on failure it is killed before rejecting. */
export async function startPodiumProcess(options: StartPodiumProcessOptions): Promise<BenchChild> {
  if (!existsSync(compiledCli)) throw new Error(`${compiledCli} is missing: run \`npm run build\` first`);
  const child = spawn(process.execPath, [...(options.nodeFlags ?? []), compiledCli, 'start'], {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 2],
  });
  started.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => started.delete(child));
  let url: string;
  try {
    url = await waitForUrl(child, options.startTimeoutMs);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`podium: ${(error as Error).message}`, { cause: error });
  }
  return {
    name: 'podium',
    url,
    pid: child.pid ?? 0,
    cpu: () => Promise.resolve({ totalMs: processCpuMs(child.pid ?? 0) }),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const killer = setTimeout(() => child.kill('SIGKILL'), stopGraceMs);
      child.kill('SIGTERM');
      await exited;
      clearTimeout(killer);
    },
  };
}
