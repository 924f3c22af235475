/**
 * Test support: runs τ-bench's own Python tools (python-reference.py) over call sequences, for
 * expected texts and hashes. Undefined when python3 is not on this machine (tests skip then).
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const script = join(dirname(fileURLToPath(import.meta.url)), 'python-reference.py');
const answers = z.array(z.object({ texts: z.array(z.string()), hash: z.string() }));

/** Whether `python3` runs here. */
export function pythonAvailable(): boolean {
  return spawnSync('python3', ['--version'], { timeout: 10_000 }).status === 0;
}

/** Each scenario's texts and final hash, as the Python tools give them on a fresh copy of the data. */
export function runPythonReference(
  dataDirectory: string,
  scenarios: readonly (readonly { name: string; kwargs: Record<string, unknown> }[])[],
): z.infer<typeof answers> {
  const result = spawnSync('python3', [script], {
    input: JSON.stringify({ dataDir: dataDirectory, scenarios }),
    maxBuffer: 256 * 1024 * 1024,
    timeout: 120_000,
  });
  if (result.status !== 0) throw new Error(`python-reference.py failed: ${result.stderr.toString().slice(0, 2000)}`);
  return answers.parse(JSON.parse(result.stdout.toString()));
}
