/**
 * Composition of the model-call gateway (a part of the composition root, kept out of main.ts for size):
 * providers, prices and the catalog, the ledger, and every part of the one pipeline declaration
 * (src/server/pipeline/) — routing, data protection, policy, compression, budgets, cache, shadow
 * sampling, cascade, schema enforcement — then the gateway, bound to the internal-call port its
 * parts call back through.
 */
import { performance } from 'node:perf_hooks';
import type { Organization } from '../contract/index.js';
import { abortableSleep } from './abortable-sleep.js';
import { reserveBudget, type BudgetEngine } from './budgets/index.js';
import {
  createCacheStore,
  createCachingExecutor,
  createEmbedderSelector,
  createSemanticEntryRepository,
  openSharedSemanticIndex,
  type CacheStore,
} from './cache/index.js';
import { compressContext } from './compression/index.js';
import type { PodiumConfig } from './config/index.js';
import {
  createCodecs,
  createExecutor,
  Gateway,
  identifyCaller,
  InternalCalls,
  ModelCatalog,
  recordCall,
} from './gateway/index.js';
import type { AuditLog } from './governance/audit/index.js';
import { auditDataFindings, createRedactingExecutor, DataPolicy, protectRequest } from './governance/pii/index.js';
import { authorizeByPolicy, type PolicyCheck } from './governance/policies/index.js';
import type { IdentityService } from './identity/index.js';
import { createLedgerRepository, LedgerWriter } from './ledger/index.js';
import { declareModelCallPipeline } from './pipeline/index.js';
import { createPriceTable } from './pricing/index.js';
import { createProvider, type Provider } from './providers/index.js';
import {
  createCascadeExecutor,
  createShadowResultRepository,
  createShadowSampler,
  loadRoutedModels,
  routeRoutedModel,
} from './routing/index.js';
import type { SqlClient } from './store/index.js';
import { createStructuredAnswerCheck, createSchemaEnforcingExecutor, SchemaValidator } from './structured/index.js';
import type { Metrics } from './telemetry/index.js';

export interface StartGatewayOptions {
  config: PodiumConfig;
  /** podium.yaml's directory: trained routers resolve from here. */
  configDir: string;
  store: SqlClient;
  metrics: Metrics;
  identity: IdentityService;
  organization: Organization;
  budgets: BudgetEngine;
  policyCheck: PolicyCheck | undefined;
  auditLog: AuditLog;
  log: (line: string) => void;
}

export interface StartedGateway {
  gateway: Gateway;
  /** Data protection as configured (undefined without a `dataProtection` section): tool results are screened by it too. */
  dataPolicy: DataPolicy | undefined;
  catalog: ModelCatalog;
  cacheStore: CacheStore;
  ledger: LedgerWriter;
  providers: ReadonlyMap<string, Provider>;
  /** Drains shadow samples and closes the cache and embedders: before the ledger and providers close. */
  stopInternalCalls(): Promise<void>;
}

/** Builds the pipeline's parts, declares the pipeline, and returns the gateway that runs it. */
export async function startGateway(options: StartGatewayOptions): Promise<StartedGateway> {
  const { config, configDir, store, metrics, identity, organization, budgets, policyCheck, auditLog, log } = options;
  const providers = new Map<string, Provider>(
    Object.entries(config.providers).map(([name, provider]) => [name, createProvider(name, provider)]),
  );
  const prices = createPriceTable({
    aliasPrices: Object.fromEntries(Object.entries(config.models).map(([alias, model]) => [alias, model.price])),
    overrides: config.pricing,
  });
  const catalog = new ModelCatalog(config, providers, prices);
  const codecs = createCodecs({ defaultMaxTokens: config.gateway.defaultMaxTokens });
  const ledger = new LedgerWriter({
    sink: createLedgerRepository(store),
    metrics,
    batchSize: config.ledger.batchSize,
    flushIntervalMs: config.ledger.flushIntervalMs,
    onError: (error) => log(`podium: ledger write failed, will retry: ${(error as Error).message}`),
    // A refused record is the operator's business: which one, whose, and why (counted in podium_ledger_{sanitized,rejected}_records_total).
    onRefused: (refusal) =>
      log(
        `podium: WARNING ledger record ${refusal.recordId} (team ${refusal.teamId ?? '-'}) refused by the store for its data: ${refusal.outcome} (${refusal.reason})`,
      ),
  });
  const now = () => performance.now();
  const policyStage =
    policyCheck &&
    authorizeByPolicy({
      check: policyCheck,
      external: (name) => config.providers[name]?.external ?? config.providers[name]?.type !== 'openai-compatible',
      onError: (error) => log(`podium: audit append failed (policy denial): ${(error as Error).message}`),
    });
  // Compression, the cascade, shadow samples and alias embeddings call back into the pipeline they are part of.
  const internalCalls = new InternalCalls();
  // One embedder per name, shared by the semantic cache and learned routers trained with embeddings.
  const embedders = createEmbedderSelector({
    gateway: internalCalls.gateway,
    localOptions: {
      ...config.cache.localEmbedder,
      onError: (error) => log(`podium: local embedder: ${(error as Error).message}`),
    },
  });
  const routed = loadRoutedModels({ models: config.models, baseDir: configDir, embedder: embedders });
  const baseExecutor = createExecutor({
    surfaces: codecs.surfaces,
    upstreams: codecs.upstreams,
    errorReaders: codecs.errorReaders,
    retrySettings: (name) => config.providers[name]?.retry ?? config.gateway.retry,
    metrics,
    sleep: abortableSleep,
    now,
    limits: { maxBodyBytes: config.gateway.maxUpstreamBodyBytes, maxEventLength: config.gateway.maxStreamEventLength },
  });
  const schemas = new SchemaValidator();
  const dataPolicy = config.dataProtection
    ? new DataPolicy({
        global: config.dataProtection,
        aliases: Object.fromEntries(
          Object.entries(config.models).map(([alias, model]) => [alias, model.dataProtection]),
        ),
      })
    : undefined;
  const shadowSampler = createShadowSampler({
    gateway: internalCalls.gateway,
    codecs,
    metrics,
    shadowFor: (alias) => config.models[alias]?.router?.shadow,
    results: createShadowResultRepository(store),
    onError: (error) => log(`podium: shadow sample failed: ${(error as Error).message}`),
  });
  const cacheStore = await createCacheStore({
    config: config.cache,
    redisUrl: config.server.redisUrl,
    now: Date.now,
    log,
  });
  // The semantic index lives in the database too (restarts, replicas); only opened when some alias uses it.
  const sharedIndex = Object.values(config.models).some((model) => model.cache?.semantic)
    ? await openSharedSemanticIndex({
        repository: createSemanticEntryRepository(store),
        maxEntries: config.cache.maxEntries,
        now: Date.now,
        syncIntervalMs: config.cache.semanticSyncMs ?? 5_000,
        onError: (error) => log(`podium: semantic cache store: ${(error as Error).message}`),
      })
    : undefined;
  // The one declaration of the model-call pipeline (src/server/pipeline/): this block only builds its parts.
  const pipeline = declareModelCallPipeline({
    codecs,
    catalog,
    metrics,
    identify: identifyCaller(identity),
    executor: baseExecutor,
    route: routeRoutedModel({ routed, catalog, metrics }),
    protectData: dataPolicy && protectRequest({ policy: dataPolicy, metrics }),
    policy: policyStage,
    compress: compressContext({
      options: (alias) => config.models[alias]?.compression,
      gateway: internalCalls.gateway,
      codecs,
      metrics,
    }),
    reserveBudget: reserveBudget({
      engine: budgets,
      catalog,
      defaultMaxOutputTokens: config.budgets.defaultMaxOutputTokens,
      onError: (error) => log(`podium: budget settlement failed: ${(error as Error).message}`),
    }),
    redactAnswers: dataPolicy && ((inner) => createRedactingExecutor({ inner, policy: dataPolicy, metrics })),
    cache: (inner) =>
      createCachingExecutor({
        inner,
        store: cacheStore,
        options: (alias) => config.models[alias]?.cache,
        embedder: embedders,
        limits: config.cache,
        metrics,
        sharedIndex,
        onError: (error) => log(`podium: response cache: ${(error as Error).message}`),
      }),
    shadow: (inner) => shadowSampler.wrap(inner),
    cascade: (inner) =>
      createCascadeExecutor({
        inner,
        routed,
        gateway: internalCalls.gateway,
        codecs,
        metrics,
        checkSchema: createStructuredAnswerCheck(schemas),
      }),
    enforceSchema: (inner) =>
      createSchemaEnforcingExecutor({
        inner,
        codecs,
        metrics,
        validator: schemas,
        options: (alias) => config.models[alias]?.structuredOutput,
      }),
    record: recordCall({ ledger, metrics, now }),
    auditFindings:
      dataPolicy &&
      auditDataFindings({
        append: (input) => auditLog.append(input),
        defaultTenant: organization.id,
        onError: (error) => log(`podium: audit append failed: ${(error as Error).message}`),
      }),
    onStageError: (error) => log(`podium: completion stage failed: ${(error as Error).message}`),
  });
  const gateway = new Gateway(pipeline.stages);
  internalCalls.bind(gateway);

  return {
    gateway,
    dataPolicy,
    catalog,
    cacheStore,
    ledger,
    providers,
    async stopInternalCalls() {
      // Shadows run through the pipeline: drain them while the ledger and providers are still open.
      await shadowSampler.close({ abortAfterMs: 10_000 });
      await sharedIndex?.close();
      await embedders.close();
      await cacheStore.close();
    },
  };
}
