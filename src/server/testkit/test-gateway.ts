/**
 * The pipeline alone — the server's one declaration (src/server/pipeline/) with its simpler parts:
 * codecs, catalog, executor, pricing, a fixed caller instead of keys and no budgets — in front of fake
 * upstreams: for testing a stage or an executor wrapper without the server.
 */
import { performance } from 'node:perf_hooks';
import type { ProviderType, Surface } from '../../contract/index.js';
import { fileConfigSchema } from '../config/index.js';
import {
  createCodecs,
  createExecutor,
  createGatewayCall,
  Gateway,
  InternalCalls,
  MemorySink,
  ModelCatalog,
  type AdmissionStage,
  type CapturedResponse,
  type Codecs,
  type CompletionStage,
  type Executor,
  type GatewayCall,
} from '../gateway/index.js';
import type { Caller } from '../identity/index.js';
import { createPriceTable } from '../pricing/index.js';
import { createProvider, type Provider } from '../providers/index.js';
import { declareModelCallPipeline } from '../pipeline/index.js';
import { createGatewayMetrics, type Metrics } from '../telemetry/index.js';
import { FakeUpstream } from './fake-upstream.js';

export interface TestGatewayOptions {
  /** Provider name → type; each gets its own fake upstream (no retries, 5 s timeout). */
  providers: Record<string, ProviderType>;
  /** The `models:` section of podium.yaml, as data. */
  models: Record<string, unknown>;
  /** Stages under test, run after the route is resolved (a router, compression, …): the declaration's `extra.admission`. */
  admission?: (context: TestGatewayContext) => AdmissionStage[];
  /** Wraps the provider call (a cache, a cascade, schema enforcement, shadow sampling, …): the declaration's `extra.wrap`. */
  decorate?: (executor: Executor, context: TestGatewayContext) => Executor;
  /** Completion stages under test, run last: the declaration's `extra.completion`. */
  completion?: (context: TestGatewayContext) => CompletionStage[];
}

export interface TestGatewayContext {
  /** The internal-call port's getter: wrappers that make internal calls need the gateway they are part of. */
  gateway: () => Gateway;
  codecs: Codecs;
  catalog: ModelCatalog;
  metrics: Metrics;
}

export interface TestGatewayCallOptions {
  surface?: Surface;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface TestGateway extends TestGatewayContext {
  upstreams: Record<string, FakeUpstream>;
  /** The declaration's steps this gateway runs (the server's list, without the parts the test kit leaves out). */
  steps: readonly string[];
  /** Runs one call through the pipeline and returns the finished call and what the client received. */
  call(
    body: Record<string, unknown>,
    options?: TestGatewayCallOptions,
  ): Promise<{ call: GatewayCall; response: CapturedResponse }>;
  close(): Promise<void>;
}

export const testCaller: Caller = {
  keyId: 'key_test',
  keyPrefix: 'pk-test',
  orgId: 'org_test',
  teamId: 'team_test',
  teamName: 'test',
  projectId: null,
  projectName: null,
  allowedModels: null,
  tier: 'standard',
};

const baseUrlFor = (type: string, url: string): string =>
  type === 'openai' || type === 'openai-compatible' ? `${url}/v1` : url;

export async function startTestGateway(options: TestGatewayOptions): Promise<TestGateway> {
  const upstreams: Record<string, FakeUpstream> = {};
  const providerConfigs: Record<string, unknown> = {};
  for (const [name, type] of Object.entries(options.providers)) {
    const upstream = await FakeUpstream.start();
    upstreams[name] = upstream;
    providerConfigs[name] = {
      type,
      apiKey: `sk-upstream-${name}`,
      baseUrl: baseUrlFor(type, upstream.url),
      timeoutMs: 5000,
      retry: { maxRetries: 0 },
    };
  }
  const config = fileConfigSchema.parse({ providers: providerConfigs, models: options.models });
  const providers = new Map<string, Provider>(
    Object.entries(config.providers).map(([name, provider]) => [name, createProvider(name, provider)]),
  );
  const prices = createPriceTable({
    aliasPrices: Object.fromEntries(Object.entries(config.models).map(([alias, model]) => [alias, model.price])),
    overrides: config.pricing,
  });
  const catalog = new ModelCatalog(config, providers, prices);
  const codecs = createCodecs({ defaultMaxTokens: config.gateway.defaultMaxTokens });
  const metrics = createGatewayMetrics();
  const internalCalls = new InternalCalls();
  const context: TestGatewayContext = {
    gateway: internalCalls.gateway,
    codecs,
    catalog,
    metrics,
  };
  const executor = createExecutor({
    surfaces: codecs.surfaces,
    upstreams: codecs.upstreams,
    errorReaders: codecs.errorReaders,
    retrySettings: () => ({ maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1 }),
    metrics,
    sleep: () => Promise.resolve(),
    now: () => performance.now(),
  });
  const identify: AdmissionStage = (call) => {
    call.caller = testCaller;
  };
  const decorate = options.decorate;
  const pipeline = declareModelCallPipeline({
    codecs,
    catalog,
    metrics,
    identify,
    executor,
    extra: {
      admission: options.admission?.(context) ?? [],
      ...(decorate ? { wrap: (inner: Executor) => decorate(inner, context) } : {}),
      completion: options.completion?.(context) ?? [],
    },
  });
  internalCalls.bind(new Gateway(pipeline.stages));
  return {
    ...context,
    upstreams,
    steps: pipeline.steps,
    async call(body, callOptions = {}) {
      const call = createGatewayCall({
        id: `call_${Math.random().toString(36).slice(2, 10)}`,
        surface: callOptions.surface ?? 'openai-chat',
        credential: 'pk-test',
        headers: callOptions.headers ?? {},
        rawBody: Buffer.from(JSON.stringify(body)),
        startedAt: performance.now(),
      });
      const sink = new MemorySink(callOptions.signal ?? new AbortController().signal);
      await context.gateway().handle(call, sink);
      return { call, response: sink.captured() };
    },
    async close() {
      await Promise.all([...providers.values()].map((provider) => provider.close()));
      await Promise.all(Object.values(upstreams).map((upstream) => upstream.close()));
    },
  };
}
