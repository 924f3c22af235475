import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * The installed package's version. package.json sits two levels above both `src/cli/` and the built
 * `dist/cli/`, and is read at run time because it lies outside the compiled `rootDir`.
 */
export function readVersion(): string {
  const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  return z.object({ version: z.string() }).parse(JSON.parse(text)).version;
}
