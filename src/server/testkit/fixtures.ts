/**
 * Loads wire fixtures: the project's own (testkit/fixtures, written by us in the providers' formats)
 * and, when present, the shared recordings of real traffic (../shared/data/wire or PODIUM_WIRE_DATA).
 * Format: `*.json` is a whole body; `*.chunks.txt` has one SSE event's data JSON per line, and for
 * Anthropic the event name is the JSON's `type`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ownRoot = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** Where the shared recordings live, or undefined when they are not on this machine. */
export function sharedWireRoot(): string | undefined {
  const candidate =
    process.env.PODIUM_WIRE_DATA ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/data/wire');
  return existsSync(candidate) ? candidate : undefined;
}

export function ownFixturePath(relative: string): string {
  return join(ownRoot, relative);
}

export function loadJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** SSE events of a `.chunks.txt` file; `named` gives each event the name in its JSON `type` (Anthropic). */
export function loadEvents(
  path: string,
  options: { named?: boolean; done?: boolean } = {},
): { event?: string; data: string }[] {
  const lines = readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
  const events = lines.map((data) => {
    if (!options.named) return { data };
    const type = (JSON.parse(data) as { type?: unknown }).type;
    return typeof type === 'string' ? { event: type, data } : { data };
  });
  if (options.done) events.push({ data: '[DONE]' });
  return events;
}
