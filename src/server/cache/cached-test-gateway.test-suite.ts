/**
 * A test gateway (fake upstreams, fixed caller) with the caching executor around its executor, a fake
 * wall clock, a store that remembers the keys it was given, and `x-test-team` to play another team.
 */
import type { CacheOptions } from '../config/index.js';
import type { AdmissionStage, GatewayCall } from '../gateway/index.js';
import { startTestGateway, type TestGateway } from '../testkit/index.js';
import { createCachingExecutor } from './caching-executor.js';
import type { CacheStore } from './cache-store.js';
import type { Embedder } from '../embeddings/index.js';
import { createEmbedderSelector } from './embedder-selector.js';
import { createMemoryCacheStore } from './memory-cache-store.js';
import type { SharedSemanticIndex } from './shared-semantic-index.js';

export interface CachedTestGateway {
  gateway: TestGateway;
  store: CacheStore;
  /** Keys the cache stored under, in order. */
  storedKeys: string[];
  clock: { time: number };
  errors: unknown[];
  /** Every call the pipeline finished, internal ones included. */
  finished: GatewayCall[];
  sharedIndex: SharedSemanticIndex | undefined;
}

export interface CachedTestGatewayOptions {
  /** Alias → cache options; each alias gets one OpenAI target (or Anthropic when the alias starts with `claude`). */
  models: Record<string, CacheOptions | undefined>;
  /** Extra aliases without a cache (an embedding model). */
  extraModels?: Record<string, unknown>;
  store?: (now: () => number) => CacheStore;
  maxEntryBytes?: number;
  maxEntries?: number;
  localEmbedder?: Embedder;
  /** Opens the semantic index kept in a store, on the gateway's clock (another replica, a restart). */
  openSharedIndex?: (now: () => number) => Promise<SharedSemanticIndex>;
  /** The starting wall-clock time (ms). */
  startTime?: number;
}

const teamFromHeader: AdmissionStage = (call) => {
  const team = call.headers['x-test-team'];
  if (typeof team === 'string' && call.caller !== undefined) call.caller = { ...call.caller, teamId: team };
};

function recording(store: CacheStore, keys: string[]): CacheStore {
  return {
    kind: store.kind,
    get: (key) => store.get(key),
    set: (key, value, ttlMs) => {
      keys.push(key);
      return store.set(key, value, ttlMs);
    },
    delete: (key) => store.delete(key),
    close: () => store.close(),
  };
}

export async function startCachedTestGateway(options: CachedTestGatewayOptions): Promise<CachedTestGateway> {
  const clock = { time: options.startTime ?? 1_767_225_600_000 };
  const now = (): number => clock.time;
  const storedKeys: string[] = [];
  const errors: unknown[] = [];
  const finished: GatewayCall[] = [];
  const sharedIndex = await options.openSharedIndex?.(now);
  const store = recording(
    options.store?.(now) ?? createMemoryCacheStore({ maxEntries: options.maxEntries ?? 100, now }),
    storedKeys,
  );
  const models: Record<string, unknown> = { ...options.extraModels };
  for (const [alias, cache] of Object.entries(options.models)) {
    const target = alias.startsWith('claude')
      ? { provider: 'anthropic', model: 'claude-sonnet-4-5' }
      : { provider: 'openai', model: 'gpt-4.1-mini' };
    models[alias] = { targets: [target], ...(cache ? { cache } : {}) };
  }
  const gateway = await startTestGateway({
    providers: { openai: 'openai', anthropic: 'anthropic', embedder: 'openai' },
    models,
    admission: () => [teamFromHeader],
    completion: () => [(call) => void finished.push(call)],
    decorate: (executor, context) =>
      createCachingExecutor({
        inner: executor,
        store,
        options: (alias) => options.models[alias],
        embedder: createEmbedderSelector({ gateway: context.gateway, local: options.localEmbedder }),
        limits: { maxEntries: options.maxEntries ?? 100, maxEntryBytes: options.maxEntryBytes ?? 1024 * 1024 },
        metrics: context.metrics,
        sharedIndex,
        now,
        onError: (error) => errors.push(error),
      }),
  });
  return { gateway, store, storedKeys, clock, errors, finished, sharedIndex };
}
