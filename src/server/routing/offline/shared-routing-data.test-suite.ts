/** Test support: the shared offline routing data, which stays outside the repository. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repositoryRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/**
 * The shared routing data folder: `override` (tests pass `process.env.PODIUM_ROUTING_DATA`), else
 * `../shared/data/routing` beside the repository or beside the folder of worktrees it sits in.
 * Undefined when absent, so suites can skip.
 */
export function sharedRoutingData(override: string | undefined): string | undefined {
  const candidates = override
    ? [resolve(repositoryRoot, override)]
    : [resolve(repositoryRoot, '../shared/data/routing'), resolve(repositoryRoot, '../../shared/data/routing')];
  return candidates.find((candidate) => existsSync(candidate));
}

/** A test title that says why it was skipped when the shared data is missing. */
export function sharedDataTitle(title: string, folder: string | undefined): string {
  return folder
    ? title
    : `${title} (skipped: no shared routing data at ../shared/data/routing; set PODIUM_ROUTING_DATA to its path)`;
}
