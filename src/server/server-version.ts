import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * The running package's version, as Podium reports it to protocol peers (the MCP server's `serverInfo`).
 * package.json sits two levels above both `src/server/` and the built `dist/server/`.
 */
export function serverVersion(): string {
  try {
    const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
    return z.object({ version: z.string().max(64) }).parse(JSON.parse(text)).version;
  } catch {
    return '0.0.0';
  }
}
