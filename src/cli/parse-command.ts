import type { CliContext, CommandRun } from './cli-context.js';
import { UsageError } from './cli-error.js';

/**
 * Runs a `parseArgs` call, turning its errors (unknown option, missing value, stray positional)
 * into a UsageError that carries the command's usage.
 */
export function parseOrUsage<T>(usage: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (isParseArgsError(error)) throw new UsageError(error.message, usage);
    throw error;
  }
}

/** Checks the positional arguments against their names (all required) and returns them in order. */
export function expectPositionals(positionals: readonly string[], names: readonly string[], usage: string): string[] {
  const missing = names[positionals.length];
  if (missing !== undefined) throw new UsageError(`missing <${missing}>`, usage);
  const extra = positionals[names.length];
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`, usage);
  return [...positionals];
}

/** Throws a UsageError naming a required option that was not given, else returns its value. */
export function requireOption(value: string | undefined, flag: string, usage: string): string {
  if (value === undefined || value === '') throw new UsageError(`${flag} is required`, usage);
  return value;
}

/** Prints a command's usage on stdout (asked for with --help) and returns exit code 0. */
export function printUsage(context: CliContext, usage: string): number {
  context.stdout.write(usage);
  return 0;
}

/** Runs the subcommand named by the first argument of a command group such as `podium keys`. */
export function runSubcommand(options: {
  context: CliContext;
  args: string[];
  group: string;
  usage: string;
  subcommands: Readonly<Record<string, CommandRun>>;
}): Promise<number> {
  const [name, ...rest] = options.args;
  if (name === '--help' || name === '-h' || name === 'help')
    return Promise.resolve(printUsage(options.context, options.usage));
  if (name === undefined) throw new UsageError(`podium ${options.group} needs a subcommand`, options.usage);
  const run = Object.hasOwn(options.subcommands, name) ? options.subcommands[name] : undefined;
  if (run === undefined) throw new UsageError(`unknown command "podium ${options.group} ${name}"`, options.usage);
  return run(options.context, rest);
}

function isParseArgsError(error: unknown): error is Error & { code: string } {
  return (
    error instanceof TypeError &&
    'code' in error &&
    typeof error.code === 'string' &&
    error.code.startsWith('ERR_PARSE_ARGS_')
  );
}
