import { afterAll, describe, expect, it } from 'vitest';
import type { GatewayCall } from '../gateway/index.js';
import { createLocalEmbedder } from './local-embedder.js';

const call = {} as GatewayCall;
// Long enough that one embedding costs well over 50 ms of CPU (about a second in-thread on this machine).
const longText = Array.from(
  { length: 200 },
  (_, index) => `Sentence ${index} asks about the capital of France and its rivers.`,
).join(' ');

describe('local embedder', () => {
  const embedder = createLocalEmbedder({ timeoutMs: 60_000 });
  afterAll(() => embedder.close());

  it('keeps the event loop free while the bundled model embeds', async () => {
    await embedder.warmUp(60_000);
    await embedder.embed('warm up', call);
    // A chain of 1 ms timers for as long as the embedding runs: each one's lateness is the loop's delay.
    const lateness: number[] = [];
    let embedding = true;
    const tick = (): void => {
      const scheduled = performance.now();
      setTimeout(() => {
        lateness.push(performance.now() - scheduled - 1);
        if (embedding) tick();
      }, 1);
    };
    const started = performance.now();
    tick();
    const vector = await embedder.embed(longText, call);
    const tookMs = performance.now() - started;
    embedding = false;

    expect(vector).toHaveLength(512);
    expect(tookMs).toBeGreaterThan(50);
    // An embedder on the event loop fires none of these until the vector is back.
    expect(lateness.length).toBeGreaterThan(3);
    const median = [...lateness].sort((a, b) => a - b)[Math.floor(lateness.length / 2)] ?? Number.POSITIVE_INFINITY;
    expect(median).toBeLessThan(20);
  });

  it('gives the same vector for the same text, and similar ones for paraphrases', async () => {
    const [a, b, c] = await Promise.all(
      ['What is the capital of France?', "What's France's capital city?", 'What is the capital of France?'].map(
        (text) => embedder.embed(text, call),
      ),
    );
    const dot = (x: Float32Array, y: Float32Array): number =>
      x.reduce((sum, value, index) => sum + value * (y[index] ?? 0), 0);
    expect(dot(a!, c!)).toBeCloseTo(1, 4);
    expect(dot(a!, b!)).toBeGreaterThan(0.8);
  });
});
