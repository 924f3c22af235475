/**
 * Tries a call's targets in order: each target up to its retry budget on retryable failures
 * (429, 5xx, timeout, connection error, a stall or a cut after the headers, an unreadable stream),
 * waiting as the upstream asks, then falls back to the next.
 * Once a byte has reached the client nothing is retried: the answer would be spliced from two models.
 */
import { PodiumError, toPodiumError, type Surface } from '../../contract/index.js';
import type { ChatProtocol } from '../providers/index.js';
import { metricNames, type Metrics } from '../telemetry/index.js';
import { defaultUpstreamLimits, type AttemptContext, type UpstreamLimits } from './attempt.js';
import type { SurfaceCodec, UpstreamChatCodec, UpstreamErrorReader } from './codec.js';
import type { CallExecutor } from './gateway.js';
import type { GatewayCall } from './gateway-call.js';
import { orderTargets } from './model-catalog.js';
import { passThrough } from './pass-through.js';
import type { ResponseSink } from './response-sink.js';
import { retryDelay, type RetrySettings } from './retry-delay.js';
import { translate } from './translate.js';

export interface ExecutorOptions {
  surfaces: ReadonlyMap<Surface, SurfaceCodec>;
  upstreams: ReadonlyMap<ChatProtocol, UpstreamChatCodec>;
  errorReaders: ReadonlyMap<ChatProtocol, UpstreamErrorReader>;
  retrySettings: (providerName: string) => RetrySettings;
  metrics: Metrics;
  /** Abortable wait; injected so tests run on a fake clock. */
  sleep: (milliseconds: number, signal: AbortSignal) => Promise<void>;
  now: () => number;
  random?: () => number;
  /** How much of an upstream's output is read (gateway.maxUpstreamBodyBytes, maxStreamEventLength). */
  limits?: UpstreamLimits;
}

/** The model call's executor; wrappers (cache, cascade, redaction, …) are `Executor → Executor`. */
export type Executor = CallExecutor<GatewayCall, ResponseSink>;

const isUnsupported = (error: PodiumError): boolean => error.code === 'unsupported';

/** Builds the executor stage: route → provider call (pass-through or translated) with retries and fallback. */
export function createExecutor(options: ExecutorOptions): Executor {
  const random = options.random ?? Math.random;
  const limits = options.limits ?? defaultUpstreamLimits;

  const runAttempt = (context: AttemptContext): Promise<void> => {
    const provider = context.target.provider;
    if (
      provider.chatProtocol === context.surface.passThroughProtocol &&
      provider.operations.has(context.surface.operation)
    ) {
      return passThrough(context);
    }
    const upstream = options.upstreams.get(provider.chatProtocol);
    if (!upstream || !context.surface.translation) {
      return Promise.reject(
        new PodiumError(
          'unsupported',
          `${context.surface.surface} calls cannot be served by ${provider.type} provider "${provider.name}"`,
          { param: 'model' },
        ),
      );
    }
    return translate(context, upstream);
  };

  return async (call, sink, settle) => {
    const route = call.route;
    const surface = options.surfaces.get(call.surface);
    if (!route || !surface) throw new Error('executor reached without a route or surface codec');
    let lastError: PodiumError | undefined;
    for (const target of orderTargets(route, random)) {
      const settings = options.retrySettings(target.provider.name);
      const readError = options.errorReaders.get(target.provider.chatProtocol);
      if (!readError) throw new Error(`no error reader for ${target.provider.chatProtocol}`);
      for (let attempt = 0; ; attempt += 1) {
        call.attempts += 1;
        call.target = target;
        try {
          await runAttempt({ call, sink, target, surface, readError, settle, now: options.now, limits });
          options.metrics.increment(metricNames.upstreamAttempts, { provider: target.provider.name, outcome: 'ok' });
          return;
        } catch (caught) {
          const error = toPodiumError(caught);
          lastError = error;
          if (sink.started || sink.signal.aborted) throw error;
          if (isUnsupported(error)) break;
          if (!error.isRetryable) {
            options.metrics.increment(metricNames.upstreamAttempts, {
              provider: target.provider.name,
              outcome: 'error',
            });
            throw error;
          }
          const retry = attempt < settings.maxRetries;
          options.metrics.increment(metricNames.upstreamAttempts, {
            provider: target.provider.name,
            outcome: retry ? 'retry' : 'fallback',
          });
          if (!retry) break;
          await waitBeforeRetry({
            call,
            sink,
            options,
            delay: retryDelay({ attempt, retryAfterMs: error.retryAfterMs, settings, random }),
          });
        }
      }
    }
    throw lastError ?? new PodiumError('upstream_unavailable', `no target could serve model ${route.alias}`);
  };
}

async function waitBeforeRetry(input: {
  call: GatewayCall;
  sink: ResponseSink;
  options: ExecutorOptions;
  delay: number;
}): Promise<void> {
  const started = input.options.now();
  try {
    await input.options.sleep(input.delay, input.sink.signal);
  } finally {
    // Back-off is time Podium spent on the upstream's behalf, not overhead of its own.
    input.call.upstreamMs += input.options.now() - started;
  }
}
