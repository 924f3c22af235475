import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { CliContext } from './cli-context.js';
import { CliError } from './cli-error.js';

/**
 * Reads and parses a JSON file named on the command line (relative to the working directory). The server
 * validates the content; a file that is missing or not JSON fails here, naming the file.
 */
export async function readJsonFile(context: Pick<CliContext, 'cwd'>, file: string): Promise<unknown> {
  const path = resolve(context.cwd, file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new CliError(`${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}
