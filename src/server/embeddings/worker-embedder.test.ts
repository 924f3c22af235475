import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import type { GatewayCall } from '../gateway/index.js';
import { createWorkerEmbedder, type WorkerEmbedder, type WorkerEmbedderOptions } from './worker-embedder.js';

/**
 * A stand-in model with the real worker protocol: letter counts by word length, and texts that make it
 * misbehave the ways a real one can (die, hang, take long, answer garbage).
 */
const fakeModel = `
const { parentPort } = require('node:worker_threads');
parentPort.postMessage({ type: 'ready' });
parentPort.on('message', ({ id, text }) => {
  if (text.includes('crash')) process.exit(3);
  if (text.includes('hang')) for (;;) {}
  if (text.includes('garbage')) return parentPort.postMessage({ id, vector: 'not a vector' });
  if (text.includes('slow')) { const until = Date.now() + 150; while (Date.now() < until) {} }
  const vector = new Float32Array(8);
  for (const word of text.toLowerCase().match(/[a-z]+/g) ?? []) vector[word.length % 8] += 1;
  parentPort.postMessage({ id, vector });
});
`;
const call = {} as GatewayCall;

describe('worker embedder', () => {
  let embedder: WorkerEmbedder | undefined;
  const errors: unknown[] = [];
  afterEach(async () => {
    await embedder?.close();
    errors.length = 0;
  });
  const start = async (options: Partial<WorkerEmbedderOptions> = {}): Promise<WorkerEmbedder> => {
    embedder = createWorkerEmbedder({
      script: fakeModel,
      workers: 1,
      maxQueue: 8,
      timeoutMs: 10_000,
      onError: (error) => errors.push(error),
      ...options,
    });
    await embedder.warmUp(10_000);
    return embedder;
  };

  it('embeds in a worker and returns a unit vector', async () => {
    const pool = await start();
    const vector = await pool.embed('one two three', call);
    expect(vector).toHaveLength(8);
    expect(Math.hypot(...vector)).toBeCloseTo(1, 5);
    expect(vector[3]).toBeGreaterThan(vector[5] ?? 1);
  });

  it('a worker that dies fails only its own lookup; the next one gets a new worker', async () => {
    const pool = await start();
    await expect(pool.embed('please crash', call)).rejects.toThrow(/exited \(code 3\)/);
    await expect(pool.embed('still works', call)).resolves.toHaveLength(8);
    expect(pool.started).toBe(2);
    expect(errors).toHaveLength(1);
  });

  it('a hung worker is replaced after hangTimeoutMs; the next lookup works', async () => {
    const pool = await start({ hangTimeoutMs: 40 });
    await expect(pool.embed('hang forever', call)).rejects.toThrow(/took too long/);
    await expect(pool.embed('still works', call)).resolves.toHaveLength(8);
    expect(pool.started).toBe(2);
  });

  it('a caller waits at most timeoutMs; a slow text does not cost the worker', async () => {
    const pool = await start({ timeoutMs: 30 });
    await expect(pool.embed('a slow one', call)).rejects.toThrow(/no embedding within 30 ms/);
    // Answered once the worker is free again: the same worker, not a replacement.
    await expect
      .poll(
        async () =>
          pool.embed('fine', call).then(
            (vector) => vector.length,
            () => 0,
          ),
        { interval: 20, timeout: 2_000 },
      )
      .toBe(8);
    expect(pool.started).toBe(1);
  });

  it('replaces a worker that answers garbage, and refuses lookups past the queue bound', async () => {
    const pool = await start({ maxQueue: 1 });
    await expect(pool.embed('garbage please', call)).rejects.toThrow(/malformed/);
    const queued = pool.embed('first', call);
    await expect(pool.embed('second', call)).rejects.toThrow(/queue full/);
    await expect(queued).resolves.toHaveLength(8);
  });

  it('close refuses what is waiting and further lookups', async () => {
    const pool = await start();
    const waiting = pool.embed('a slow one', call).catch((error: unknown) => error);
    await pool.close();
    expect(String(await waiting)).toMatch(/closed/);
    await expect(pool.embed('after', call)).rejects.toThrow(/closed/);
  });

  it('lets the process exit with its workers still up: an unclosed pool (podium route train) holds nothing', async () => {
    const module = fileURLToPath(new URL('./worker-embedder.ts', import.meta.url));
    // A file, not `-e`: workers inherit the parent's flags, and `--input-type=module` would make the model script ESM.
    const directory = await mkdtemp(join(tmpdir(), 'podium-embedder-'));
    const program = join(directory, 'unclosed-pool.mts');
    await writeFile(
      program,
      `const { createWorkerEmbedder } = await import(${JSON.stringify(module)});
      const pool = createWorkerEmbedder({ script: ${JSON.stringify(fakeModel)}, workers: 2, maxQueue: 8, timeoutMs: 10_000 });
      const vectors = await Promise.all(['one', 'two words'].map((text) => pool.embed(text)));
      console.log(vectors.length);`,
    );
    try {
      const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', program], { timeout: 8_000 });
      expect(stdout.trim()).toBe('2');
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
