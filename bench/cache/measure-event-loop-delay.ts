/**
 * How much the local embedder stalls everything else in the process: the event loop's delay
 * (perf_hooks.monitorEventLoopDelay, 1 ms resolution) while lookups embed texts one after another.
 * An in-thread model blocks the loop for each whole embedding; a worker thread leaves it free.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Embedder } from '../../src/server/embeddings/index.js';
import type { GatewayCall } from '../../src/server/gateway/index.js';

export interface EventLoopDelayReport {
  texts: number;
  /** Event-loop delay while the embeddings ran, milliseconds. */
  delayMs: { p50: number; p99: number; max: number };
}

/** Embeds `texts` (the model already warm) and reports the loop's delay meanwhile. */
export async function measureEventLoopDelay(input: {
  embedder: Embedder & { warmUp?: (timeoutMs: number) => Promise<void> };
  texts: readonly string[];
}): Promise<EventLoopDelayReport> {
  // The local model ignores the call; only an alias embedder bills one.
  const noCall = {} as GatewayCall;
  await input.embedder.warmUp?.(120_000);
  await input.embedder.embed('warm up', noCall);
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  for (const text of input.texts) {
    await input.embedder.embed(text, noCall);
    // Let the loop turn between lookups, as it does between requests; otherwise awaiting an in-thread
    // embedder chains microtasks and the histogram's timer never gets to run (an empty histogram reads 0).
    await new Promise((resolve) => setImmediate(resolve));
  }
  histogram.disable();
  const ms = (nanoseconds: number): number => nanoseconds / 1e6;
  return {
    texts: input.texts.length,
    delayMs: { p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), max: ms(histogram.max) },
  };
}
