/**
 * The pipeline alone — codecs, catalog, executor, pricing — in front of fake upstreams, with a fixed
 * caller instead of keys and budgets: for testing a stage or an executor wrapper without the server.
 */
import { performance } from 'node:perf_hooks';
import type { ProviderType, Surface } from '../../contract/index.js';
import { fileConfigSchema } from '../config/index.js';
import {
  admitRequest,
  attributeCall,
  createCodecs,
  createExecutor,
  createGatewayCall,
  Gateway,
  MemorySink,
  ModelCatalog,
  priceCall,
  resolveRoute,
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
import { createGatewayMetrics, type Metrics } from '../telemetry/index.js';
import { FakeUpstream } from './fake-upstream.js';

export interface TestGatewayOptions {
  /** Provider name → type; each gets its own fake upstream (no retries, 5 s timeout). */
  providers: Record<string, ProviderType>;
  /** The `models:` section of podium.yaml, as data. */
  models: Record<string, unknown>;
  /** Stages run after the route is resolved (a router, compression, …). */
  admission?: (context: TestGatewayContext) => AdmissionStage[];
  /** Wraps the executor (a cache, a cascade, schema enforcement, shadow sampling, …). */
  decorate?: (executor: Executor, context: TestGatewayContext) => Executor;
  completion?: (context: TestGatewayContext) => CompletionStage[];
}

export interface TestGatewayContext {
  /** Late-bound: wrappers that make internal calls need the gateway they are part of. */
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
  /** Runs one call through the pipeline and returns the finished call and what the client received. */
  call(body: Record<string, unknown>, options?: TestGatewayCallOptions): Promise<{ call: GatewayCall; response: CapturedResponse }>;
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

const baseUrlFor = (type: string, url: string): string => (type === 'openai' || type === 'openai-compatible' ? `${url}/v1` : url);

export async function startTestGateway(options: TestGatewayOptions): Promise<TestGateway> {
  const upstreams: Record<string, FakeUpstream> = {};
  const providerConfigs: Record<string, unknown> = {};
  for (const [name, type] of Object.entries(options.providers)) {
    const upstream = await FakeUpstream.start();
    upstreams[name] = upstream;
    providerConfigs[name] = { type, apiKey: `sk-upstream-${name}`, baseUrl: baseUrlFor(type, upstream.url), timeoutMs: 5000, retry: { maxRetries: 0 } };
  }
  const config = fileConfigSchema.parse({ providers: providerConfigs, models: options.models });
  const providers = new Map<string, Provider>(Object.entries(config.providers).map(([name, provider]) => [name, createProvider(name, provider)]));
  const prices = createPriceTable({
    aliasPrices: Object.fromEntries(Object.entries(config.models).map(([alias, model]) => [alias, model.price])),
    overrides: config.pricing,
  });
  const catalog = new ModelCatalog(config, providers, prices);
  const codecs = createCodecs({ defaultMaxTokens: config.gateway.defaultMaxTokens });
  const metrics = createGatewayMetrics();
  const built: { gateway?: Gateway } = {};
  const context: TestGatewayContext = {
    gateway: () => {
      if (!built.gateway) throw new Error('the gateway is not built yet');
      return built.gateway;
    },
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
  built.gateway = new Gateway({
    admission: [identify, admitRequest(codecs.surfaces), attributeCall, resolveRoute(catalog), ...(options.admission?.(context) ?? [])],
    executor: options.decorate ? options.decorate(executor, context) : executor,
    settlement: [priceCall(metrics)],
    completion: options.completion?.(context) ?? [],
  });
  return {
    ...context,
    upstreams,
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
