/**
 * The response cache, as an executor decorator: look up (exact, then semantic), answer from the cache
 * on a hit, otherwise run the inner executor with a copy of the response kept and store it if it was
 * a complete success. A cache never makes a call fail: a store or embedder failure is a miss.
 *
 * Never cached: shadow calls (they exist to measure the reference fresh), non-200 or failed answers,
 * streams cut short, answers over maxEntryBytes, and calls whose client opted out (cache-directive.ts).
 * Requests with temperature > 0 are cached like any other (as LiteLLM and Portkey do): the cache is
 * opt-in per alias, and a client that wants a fresh sample sends `cache-control: no-cache`.
 */
import type { CacheOptions, CacheStoreConfig } from '../config/index.js';
import {
  teeSink,
  type CapturedResponse,
  type Executor,
  type GatewayCall,
  type ResponseSink,
} from '../gateway/index.js';
import type { Metrics } from '../telemetry/index.js';
import { decodeCacheEntry, encodeCacheEntry, type CacheEntry } from './cache-entry.js';
import { exactCacheKey } from './cache-keys.js';
import { cacheDirective } from './cache-directive.js';
import {
  cacheMetricNames,
  defineCacheMetrics,
  type CacheKind,
  type LookupOutcome,
  type StoreOutcome,
} from './cache-metrics.js';
import type { CacheStore } from './cache-store.js';
import type { Embedder } from '../embeddings/index.js';
import { replayEntry, storableHeaders } from './replay-entry.js';
import { SemanticIndex } from './semantic-index.js';
import type { SharedSemanticIndex } from './shared-semantic-index.js';
import { semanticRequestOf, vectorOf, type SemanticRequest, type SemanticSettings } from './semantic-request.js';
import { withHeaders } from './with-headers.js';

export interface CachingExecutorOptions {
  inner: Executor;
  store: CacheStore;
  /** The alias's `cache:` options from podium.yaml; undefined means not cached. */
  options: (alias: string) => CacheOptions | undefined;
  /** Resolves `cache.semantic.embedding` (`local` or an alias); required when any alias has a semantic cache. */
  embedder?: ((embedding: string) => Embedder) | undefined;
  /** `cache.maxEntries` (bounds the semantic index) and `cache.maxEntryBytes`. */
  limits: Pick<CacheStoreConfig, 'maxEntries' | 'maxEntryBytes'>;
  metrics: Metrics;
  /**
   * The semantic index kept in the store and shared by replicas (shared-semantic-index.ts); without it the
   * index lives in this process only. Must use the same clock as `now`.
   */
  sharedIndex?: SharedSemanticIndex | undefined;
  /** Milliseconds, wall clock in production (entries carry their store time across replicas). */
  now?: (() => number) | undefined;
  /** Told about store and embedder failures (each is also counted, and served as a miss). */
  onError?: ((error: unknown) => void) | undefined;
}

interface Lookup {
  call: GatewayCall;
  key: string;
  cache: CacheOptions;
  semantic: SemanticRequest | undefined;
}

const seconds = (value: number): number => value * 1000;

/** Wraps `inner` with the exact and semantic response cache. */
export function createCachingExecutor(options: CachingExecutorOptions): Executor {
  const { store, metrics, inner } = options;
  const now = options.now ?? Date.now;
  const onError = options.onError ?? (() => undefined);
  const shared = options.sharedIndex;
  const index = shared?.index ?? new SemanticIndex({ maxEntries: options.limits.maxEntries, now });
  defineCacheMetrics(metrics);
  const countLookup = (kind: CacheKind, outcome: LookupOutcome): void =>
    metrics.increment(cacheMetricNames.lookups, { kind, outcome });
  const countStore = (kind: CacheKind, outcome: StoreOutcome): void =>
    metrics.increment(cacheMetricNames.stores, { kind, outcome });

  const failed = (kind: CacheKind, error: unknown): undefined => {
    countLookup(kind, 'error');
    onError(error);
    return undefined;
  };

  /** The stored entry under `key`, if present, readable and younger than `maxAgeMs`. */
  const read = async (input: {
    kind: CacheKind;
    key: string;
    call: GatewayCall;
    maxAgeMs: number;
  }): Promise<CacheEntry | undefined> => {
    let text: string | undefined;
    try {
      text = await store.get(input.key);
    } catch (error) {
      return failed(input.kind, error);
    }
    // A semantic match whose answer is not in this store (evicted, or stored by another replica or before a
    // restart into process memory) is read from the index's row.
    if (text === undefined && input.kind === 'semantic' && shared !== undefined) text = await shared.answer(input.key);
    if (text === undefined) return undefined;
    const entry = decodeCacheEntry(text);
    if (entry === undefined || entry.streamed !== input.call.stream) {
      countLookup(input.kind, 'corrupt');
      // Dropped so the next answer can take its place; a failure here changes nothing for this call.
      await store.delete(input.key).catch(onError);
      return undefined;
    }
    return now() - entry.storedAt < input.maxAgeMs ? entry : undefined;
  };

  const lookupExact = async (lookup: Lookup): Promise<CacheEntry | undefined> => {
    const exact = lookup.cache.exact;
    if (exact === undefined) return undefined;
    const entry = await read({
      kind: 'exact',
      key: lookup.key,
      call: lookup.call,
      maxAgeMs: seconds(exact.ttlSeconds),
    });
    if (entry !== undefined) countLookup('exact', 'hit');
    else countLookup('exact', 'miss');
    return entry;
  };

  const lookupSemantic = async (lookup: Lookup): Promise<{ entry: CacheEntry; similarity: number } | undefined> => {
    const request = lookup.semantic;
    if (request === undefined) return undefined;
    let vector: Float32Array;
    try {
      vector = await vectorOf(request, lookup.call);
    } catch (error) {
      return failed('semantic', error);
    }
    const match = index.find({
      partition: request.partition,
      vector,
      salient: request.salient,
      threshold: request.settings.threshold,
      guard: 'full',
    });
    if (match.entry === undefined) {
      countLookup('semantic', match.guarded ? 'guarded' : 'miss');
      return undefined;
    }
    const entry = await read({
      kind: 'semantic',
      key: match.entry.storeKey,
      call: lookup.call,
      maxAgeMs: seconds(request.settings.ttlSeconds),
    });
    if (entry === undefined) {
      // Evicted or expired in the store (or another replica replaced it): the vector points at nothing.
      index.remove(match.entry.storeKey);
      countLookup('semantic', 'miss');
      return undefined;
    }
    countLookup('semantic', 'hit');
    return { entry, similarity: match.similarity };
  };

  const save = async (lookup: Lookup, captured: CapturedResponse): Promise<void> => {
    const kinds: CacheKind[] = [];
    if (lookup.cache.exact) kinds.push('exact');
    if (lookup.semantic) kinds.push('semantic');
    if (Buffer.byteLength(captured.body) > options.limits.maxEntryBytes) {
      for (const kind of kinds) countStore(kind, 'too-large');
      return;
    }
    const storedAt = now();
    const entry: CacheEntry = {
      version: 1,
      status: 200,
      streamed: captured.streamed,
      headers: storableHeaders(captured.headers),
      body: captured.body,
      storedAt,
    };
    // One stored answer serves both lookups: it lives as long as the longer of the two TTLs, and each
    // lookup checks the entry's age against its own.
    const ttlMs = Math.max(
      seconds(lookup.cache.exact?.ttlSeconds ?? 0),
      seconds(lookup.semantic?.settings.ttlSeconds ?? 0),
    );
    const encoded = encodeCacheEntry(entry);
    try {
      await store.set(lookup.key, encoded, ttlMs);
    } catch (error) {
      for (const kind of kinds) countStore(kind, 'error');
      onError(error);
      return;
    }
    if (lookup.cache.exact) countStore('exact', 'stored');
    const semantic = lookup.semantic;
    if (semantic === undefined) return;
    try {
      const vector = await vectorOf(semantic, lookup.call);
      const indexed = {
        partition: semantic.partition,
        vector,
        salient: semantic.salient,
        storeKey: lookup.key,
        expiresAt: storedAt + seconds(semantic.settings.ttlSeconds),
      };
      index.add(indexed);
      shared?.persist(indexed, encoded);
      countStore('semantic', 'stored');
    } catch (error) {
      countStore('semantic', 'error');
      onError(error);
    }
  };

  const semanticRequestFor = (call: GatewayCall, settings: SemanticSettings): SemanticRequest | undefined => {
    const embedder = options.embedder?.(settings.embedding);
    // A wiring mistake, reported rather than thrown: the cache must not be the reason a call fails.
    if (embedder === undefined)
      onError(
        new Error(`model "${call.requestedModel}" has a semantic cache but the caching executor has no embedder`),
      );
    const request = embedder === undefined ? undefined : semanticRequestOf(call, { settings, embedder });
    if (request === undefined) countLookup('semantic', 'skipped');
    return request;
  };

  const runAndStore = async (input: {
    lookup: Lookup;
    sink: ResponseSink;
    settle: (call: GatewayCall) => void;
  }): Promise<void> => {
    const { lookup, sink } = input;
    const { call } = lookup;
    const tee = teeSink(sink);
    await inner(call, tee, input.settle);
    const captured = tee.captured();
    const complete =
      call.error === undefined && call.status === 200 && captured.status === 200 && captured.error === undefined;
    if (complete && captured.streamed === call.stream && !sink.signal.aborted) await save(lookup, captured);
  };

  return async (call, sink, settle) => {
    const alias = call.requestedModel;
    const cache = alias === undefined ? undefined : options.options(alias);
    if (
      cache === undefined ||
      (cache.exact === undefined && cache.semantic === undefined) ||
      call.internal === 'shadow'
    )
      return inner(call, sink, settle);
    const enabled: CacheKind[] =
      cache.semantic === undefined ? ['exact'] : cache.exact === undefined ? ['semantic'] : ['exact', 'semantic'];
    const directive = cacheDirective(call.headers);
    const key = exactCacheKey(call);
    if (directive === 'off' || key === undefined) {
      for (const kind of enabled) countLookup(kind, directive === 'off' ? 'bypass' : 'skipped');
      return inner(call, directive === 'off' ? withHeaders(sink, { 'x-podium-cache': 'bypass' }) : sink, settle);
    }
    const lookup: Lookup = { call, key, cache, semantic: undefined };
    const exact = directive === 'use' ? await lookupExact(lookup) : undefined;
    if (exact !== undefined) return replayEntry({ call, sink, settle, entry: exact, status: 'hit' });
    // Read only after an exact miss: an exact hit should not pay for parsing the conversation.
    lookup.semantic = cache.semantic === undefined ? undefined : semanticRequestFor(call, cache.semantic);
    const similar = directive === 'use' ? await lookupSemantic(lookup) : undefined;
    if (similar !== undefined)
      return replayEntry({
        call,
        sink,
        settle,
        entry: similar.entry,
        status: 'semantic-hit',
        similarity: similar.similarity,
      });
    if (directive === 'refresh') for (const kind of enabled) countLookup(kind, 'bypass');
    call.cacheStatus = 'miss';
    return runAndStore({
      lookup,
      sink: withHeaders(sink, { 'x-podium-cache': directive === 'use' ? 'miss' : 'refresh' }),
      settle,
    });
  };
}
