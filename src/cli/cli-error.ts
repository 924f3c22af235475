/** A failure the CLI reports as `error: <message>` on stderr, exiting with `exitCode` (1 by default). */
export class CliError extends Error {
  override readonly name: string = 'CliError';
  readonly exitCode: number;

  constructor(message: string, options: { exitCode?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.exitCode = options.exitCode ?? 1;
  }
}

/** A bad command line: reported with the command's usage, exit code 2. */
export class UsageError extends CliError {
  override readonly name: string = 'UsageError';
  readonly usage: string;

  constructor(message: string, usage: string) {
    super(message, { exitCode: 2 });
    this.usage = usage;
  }
}
