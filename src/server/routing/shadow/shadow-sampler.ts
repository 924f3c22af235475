/**
 * Shadow sampling, as an executor wrapper: a share of routed calls is also sent to the route's reference
 * once the client's response is complete, in the background, and both answers are graded. The client's
 * call is never delayed or failed by it: the shadow starts after the response ended, runs detached, and
 * any failure of its own is counted, not thrown.
 *
 * Place it outside a cascade executor (it reads the final choice and answer) and inside a response cache
 * (a cache hit never reaches it, and saves by caching, not by routing).
 */
import type { ShadowConfig } from '../../config/index.js';
import { teeSink, type Codecs, type Executor, type Gateway, type GatewayCall } from '../../gateway/index.js';
import type { ShadowResult } from './shadow-result-repository.js';
import type { Metrics } from '../../telemetry/index.js';
import { runShadow, type ShadowOutcome, type ShadowSample } from './run-shadow.js';

export const shadowSamplesMetric = 'podium_shadow_samples_total';

export interface ShadowSamplerOptions {
  /** Late-bound: shadow and judge calls run through the gateway this executor is part of. */
  gateway: () => Gateway;
  codecs: Codecs;
  metrics: Metrics;
  /** The shadow settings of a routed alias (`router.shadow`), undefined when it has none. */
  shadowFor: (alias: string) => ShadowConfig | undefined;
  results: { insert(result: ShadowResult): Promise<void> };
  /** Shadows running at once; a sample beyond this is dropped and counted. Default 8. */
  maxInFlight?: number;
  /** Draws whether a call is sampled (and the judge's answer order); injected for tests. */
  random?: () => number;
  now?: () => Date;
  /** A shadow's own unexpected failure (the store refusing a row): logged by the caller, never thrown. */
  onError?: (error: unknown) => void;
}

export interface ShadowSampler {
  /** The executor wrapper. */
  wrap(inner: Executor): Executor;
  /** Shadows running now. */
  readonly inFlight: number;
  /** Stops sampling and waits for the shadows in flight; with `abortAfterMs`, aborts those still running then. */
  close(options?: { abortAfterMs?: number }): Promise<void>;
}

/** Surfaces whose answers the readers understand (and that a router serves). */
const sampledSurfaces = new Set(['openai-chat', 'anthropic-messages']);

/** null (unpriced) wins: a sum with an unknown part is unknown. */
const addCost = (total: number | null, cost: number | null | undefined): number | null =>
  total === null || cost === null ? null : total + (cost ?? 0);

export function createShadowSampler(options: ShadowSamplerOptions): ShadowSampler {
  const { metrics } = options;
  const random = options.random ?? Math.random;
  const now = options.now ?? (() => new Date());
  const maxInFlight = options.maxInFlight ?? 8;
  const running = new Set<Promise<void>>();
  const controllers = new Set<AbortController>();
  // A kept cascade tier is paid on the tier's own internal call, not on the client's row: sampled cascade
  // calls collect what their `<id>.cascade.…` calls cost while they run.
  const cascadeCosts = new Map<string, { usd: number | null }>();
  let closed = false;
  metrics.define(
    shadowSamplesMetric,
    'counter',
    'Routed calls shadowed to their reference, by outcome: graded, ungraded (no verdict), dropped (too many in flight), failed.',
  );
  const count = (alias: string, outcome: ShadowOutcome | 'dropped'): void =>
    metrics.increment(shadowSamplesMetric, { alias, outcome });

  const launch = (sample: ShadowSample): void => {
    const alias = sample.routing.alias;
    if (running.size >= maxInFlight) return count(alias, 'dropped');
    const controller = new AbortController();
    const task = (async () => {
      // Yield first: the client call's completion stages (its ledger row) run before the shadow starts.
      await new Promise((resolve) => setImmediate(resolve));
      return runShadow(sample, {
        gateway: options.gateway,
        codecs: options.codecs,
        results: options.results,
        random,
        now,
        signal: controller.signal,
      });
    })()
      .then(
        (outcome) => count(alias, outcome),
        (error: unknown) => {
          count(alias, 'failed');
          options.onError?.(error);
        },
      )
      .finally(() => {
        running.delete(task);
        controllers.delete(controller);
      });
    running.add(task);
    controllers.add(controller);
  };

  const tallyCascade = async (input: { call: GatewayCall; run: () => Promise<void> }): Promise<void> => {
    const marker = input.call.id.lastIndexOf('.cascade.');
    const tally = marker > 0 ? cascadeCosts.get(input.call.id.slice(0, marker)) : undefined;
    try {
      await input.run();
    } finally {
      if (tally) tally.usd = addCost(tally.usd, input.call.costUsd);
    }
  };

  const wrap =
    (inner: Executor): Executor =>
    async (call, sink, settle) => {
      if (call.internal === 'cascade') return tallyCascade({ call, run: () => inner(call, sink, settle) });
      const routing = call.routing;
      const eligible =
        routing !== undefined &&
        call.internal === undefined &&
        !closed &&
        sampledSurfaces.has(call.surface) &&
        routing.choice !== routing.reference;
      const shadow = eligible ? options.shadowFor(routing.alias) : undefined;
      if (!routing || !shadow || !(random() < shadow.rate)) return inner(call, sink, settle);
      const tee = teeSink(sink);
      const tally = { usd: 0 as number | null };
      cascadeCosts.set(call.id, tally);
      try {
        await inner(call, tee, settle);
      } finally {
        cascadeCosts.delete(call.id);
      }
      const captured = tee.captured();
      // Nothing to measure: a cascade that escalated served the reference itself; a cache hit; a failed answer.
      if (routing.choice === routing.reference || (call.cacheStatus !== undefined && call.cacheStatus !== 'miss'))
        return;
      if (closed || captured.error !== undefined || captured.status >= 400) return;
      launch({
        call,
        routing: { ...routing },
        shadow,
        captured,
        servedCostUsd: addCost(tally.usd, call.costUsd === undefined ? null : call.costUsd),
      });
    };

  return {
    wrap,
    get inFlight() {
      return running.size;
    },
    async close(closeOptions = {}) {
      closed = true;
      const timer =
        closeOptions.abortAfterMs === undefined
          ? undefined
          : setTimeout(() => {
              for (const controller of controllers) controller.abort();
            }, closeOptions.abortAfterMs);
      try {
        while (running.size > 0) await Promise.all([...running]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
