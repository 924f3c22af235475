import { spawn } from 'node:child_process';

export interface ParentWatchdogOptions {
  /** The postmaster to stop once this process is gone. */
  serverPid: number;
  /** SIGINT (fast shutdown) for a durable cluster; SIGQUIT for a throwaway one. */
  signal: 'INT' | 'QUIT';
  /** A throwaway cluster's directory, removed once its server has exited. */
  removeDir?: string | undefined;
}

/** Stops the watchdog (on an orderly close). */
export interface ParentWatchdog {
  cancel(): void;
}

const quoted = (text: string): string => `'${text.replaceAll("'", `'\\''`)}'`;

/**
 * Linux has no portable way for Node to make a child die with its parent (no PR_SET_PDEATHSIG from Node), and
 * a postmaster never watches its parent. A Podium killed with SIGKILL would leave its server running until the
 * next start. This tiny detached shell (~1 MB, one `sleep 1` a second) polls Podium's pid and stops the
 * server within about a second of Podium vanishing; the next start's check (leftover-postmaster.ts) stays as
 * the second line of defence.
 */
export function startParentWatchdog(options: ParentWatchdogOptions): ParentWatchdog {
  const { serverPid, signal, removeDir } = options;
  const cleanup =
    removeDir === undefined
      ? ''
      : `; while kill -0 ${serverPid} 2>/dev/null; do sleep 1; done; rm -rf ${quoted(removeDir)}`;
  const script = `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done; kill -${signal} ${serverPid} 2>/dev/null${cleanup}`;
  const child = spawn('/bin/sh', ['-c', script], { detached: true, stdio: 'ignore' });
  // A failed spawn leaves only the next start's check: nothing to report to the caller.
  child.on('error', () => undefined);
  child.unref();
  return {
    cancel() {
      if (child.pid === undefined || child.exitCode !== null) return;
      try {
        process.kill(child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    },
  };
}
