import type { CliContext } from './cli-context.js';

/** Prints a value as indented JSON on stdout (the `--json` output of every command). */
export function printJson(context: CliContext, value: unknown): void {
  context.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
