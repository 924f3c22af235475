/**
 * Where τ-bench's retail data lives: `<repo>/../shared/data/agents/tau-retail`, or under
 * `$PODIUM_SHARED_DIR/data/agents/tau-retail`. It is never copied into the project.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The data directory, or undefined when it is not on this machine (tests skip then). */
export function retailDataDirectory(): string | undefined {
  const shared =
    process.env.PODIUM_SHARED_DIR ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../../../../shared');
  const candidate = join(shared, 'data', 'agents', 'tau-retail');
  return existsSync(join(candidate, 'data', 'orders.json')) ? candidate : undefined;
}

/** Why a test skipped, in one line. */
export const retailDataMissing =
  'τ-bench retail data not found (../shared/data/agents/tau-retail, or set PODIUM_SHARED_DIR): tau-retail tests skipped';
