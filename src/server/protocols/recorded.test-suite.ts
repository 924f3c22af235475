/**
 * Test support (the `.test-suite.ts` suffix keeps it out of the build): reads the project's own
 * fixtures and, when present, the real recorded provider traffic kept outside the repository.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));
const fixturesRoot = join(repositoryRoot, 'src/server/testkit/fixtures');

/** Text of a project fixture, by path under src/server/testkit/fixtures. */
export function fixtureText(path: string): string {
  return readFileSync(join(fixturesRoot, path), 'utf8');
}

/** A `.json` fixture, parsed. */
export function fixtureJson(path: string): unknown {
  return JSON.parse(fixtureText(path)) as unknown;
}

/** The `data:` payloads of a `.chunks.txt` file, one per line, unparsed. */
export function chunkLines(text: string): string[] {
  return text.split('\n').filter((line) => line.trim() !== '');
}

/** A `.chunks.txt` fixture, each event parsed. */
export function fixtureChunks(path: string): unknown[] {
  return chunkLines(fixtureText(path)).map((line) => JSON.parse(line) as unknown);
}

/**
 * The recorded-traffic folder: `override` (tests pass `process.env.PODIUM_WIRE_DATA`) or
 * `../shared/data/wire` beside the repository. Undefined when absent, so suites can skip.
 */
export function wireDataDir(override: string | undefined): string | undefined {
  const dir = override
    ? isAbsolute(override)
      ? override
      : resolve(repositoryRoot, override)
    : resolve(repositoryRoot, '../shared/data/wire');
  return existsSync(dir) ? dir : undefined;
}

/** A suite title that says why it was skipped when the recorded traffic is missing. */
export function wireSuiteTitle(title: string, dir: string | undefined): string {
  return dir
    ? title
    : `${title} (skipped: no recorded wire data at ../shared/data/wire; set PODIUM_WIRE_DATA to its path)`;
}

export function wireText(dir: string, path: string): string {
  return readFileSync(join(dir, path), 'utf8');
}

export function wireJson(dir: string, path: string): unknown {
  return JSON.parse(wireText(dir, path)) as unknown;
}

export function wireChunks(dir: string, path: string): unknown[] {
  return chunkLines(wireText(dir, path)).map((line) => JSON.parse(line) as unknown);
}
