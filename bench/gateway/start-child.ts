/**
 * Starts one bench target in its own Node process (TypeScript through tsx's loader) and talks to it
 * over IPC: readiness with its URL, CPU time on request, and a bounded stop.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ChildMessage, ParentMessage } from './child-control.js';

export interface CpuSample {
  /** User + system CPU time of the child since it started, in milliseconds. */
  totalMs: number;
}

export interface BenchChild {
  readonly name: string;
  readonly url: string;
  /** The child's process id (its descendants, e.g. Podium's PostgreSQL, are found from it). */
  readonly pid: number;
  cpu(): Promise<CpuSample>;
  /** Asks the child to close and exit; kills it if it has not exited within the grace period. */
  stop(): Promise<void>;
}

export interface StartChildOptions {
  name: string;
  /** File name inside bench/gateway/. */
  file: string;
  args?: string[];
  env?: NodeJS.ProcessEnv;
  /** Extra Node flags, e.g. `--cpu-prof`. */
  nodeFlags?: string[];
  startTimeoutMs?: number;
}

// An absolute URL, so the loader resolves whatever the child's working directory is.
const tsxLoader = import.meta.resolve('tsx');
const ipcTimeoutMs = 5_000;
const stopGraceMs = 8_000;

function waitFor<T extends ChildMessage['type']>(
  child: ChildProcess,
  type: T,
  timeoutMs: number,
): Promise<Extract<ChildMessage, { type: T }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`no '${type}' message within ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (message: ChildMessage): void => {
      if (message.type === type) finish(undefined, message as Extract<ChildMessage, { type: T }>);
      else if (message.type === 'failed') finish(new Error(message.message));
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null): void =>
      finish(new Error(`exited (code ${code ?? 'none'}, signal ${signal ?? 'none'}) before sending '${type}'`));
    function finish(error: Error | undefined, message?: Extract<ChildMessage, { type: T }>): void {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (message) resolve(message);
      else reject(error ?? new Error('unreachable'));
    }
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

const exited = (child: ChildProcess): boolean => child.exitCode !== null || child.signalCode !== null;

/** Forks the child and resolves once it listens; on failure the child is killed before rejecting. */
export async function startChild(options: StartChildOptions): Promise<BenchChild> {
  const file = fileURLToPath(new URL(options.file, import.meta.url));
  const child = fork(file, options.args ?? [], {
    execArgv: ['--import', tsxLoader, ...(options.nodeFlags ?? [])],
    env: { ...process.env, ...options.env },
    // Children's stdout goes to our stderr: our stdout carries the table and the JSON line only.
    stdio: ['ignore', 2, 2, 'ipc'],
  });
  let ready: Extract<ChildMessage, { type: 'ready' }>;
  try {
    ready = await waitFor(child, 'ready', options.startTimeoutMs ?? 30_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${options.name}: ${(error as Error).message}`, { cause: error });
  }
  const post = (message: ParentMessage): void => {
    child.send(message);
  };
  return {
    name: options.name,
    url: ready.url,
    pid: child.pid ?? 0,
    async cpu() {
      const reply = waitFor(child, 'cpu', ipcTimeoutMs);
      post({ type: 'cpu' });
      const { userMicros, systemMicros } = await reply;
      return { totalMs: (userMicros + systemMicros) / 1000 };
    },
    async stop() {
      if (exited(child)) return;
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      const killer = setTimeout(() => child.kill('SIGKILL'), stopGraceMs);
      try {
        if (child.connected) post({ type: 'stop' });
        else child.kill('SIGTERM');
      } catch {
        child.kill('SIGKILL');
      }
      await gone;
      clearTimeout(killer);
    },
  };
}
