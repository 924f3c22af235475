/** Where a command writes: `process.stdout` / `process.stderr` in production, a string buffer in tests. */
export interface CliOutput {
  write(text: string): unknown;
  readonly isTTY?: boolean | undefined;
}

/** Waits `ms`, rejecting early with an AbortError when `signal` aborts. */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

/**
 * Everything a command touches outside itself, injected so tests run commands in-process:
 * no `process.*` below the entry point.
 */
export interface CliContext {
  env: NodeJS.ProcessEnv;
  cwd: string;
  stdout: CliOutput;
  stderr: CliOutput;
  /** Aborted on SIGINT/SIGTERM: ends `start` and `requests tail`, cancels in-flight admin calls. */
  signal: AbortSignal;
  /** Defaults to the global `fetch`. */
  fetch?: typeof fetch | undefined;
  /** Defaults to a timer; tests drive the `requests tail` poll loop through it. */
  sleep?: Sleep | undefined;
}

/** One command (or command group): parses its own arguments and returns the process exit code. */
export type CommandRun = (context: CliContext, args: string[]) => Promise<number>;

/** A top-level `podium <name>` command, listed in `podium --help`. */
export interface CommandGroup {
  name: string;
  summary: string;
  usage: string;
  run: CommandRun;
}
