/**
 * The composition root: the only place that picks concrete drivers and wires capabilities
 * into the pipeline. Everything else receives what it needs.
 */
import { dirname } from 'node:path';
import { setTimeout as sleepFor } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';
import type { AddressInfo } from 'node:net';
import { loadConfig, processConfigOptions, type PodiumConfig } from './config/index.js';
import { createCodecs, createExecutor, Gateway, identifyCaller, InternalCalls, ModelCatalog, recordCall } from './gateway/index.js';
import { declareModelCallPipeline } from './pipeline/index.js';
import {
  addAdminRoutes,
  addApprovalRoutes,
  addAuditRoutes,
  addBudgetRoutes,
  addDecisionRoutes,
  addGatewayRoutes,
  addHealthRoutes,
  addMetricsRoute,
  addRoutingReportRoutes,
  auditAdminActions,
  createHttpServer,
  identifyAdminActor,
  resolveAllowedHosts,
  Router,
  type RouteName,
} from './http/index.js';
import { ensureAdminCredential, IdentityService } from './identity/index.js';
import { createRequestQuery, LedgerWriter } from './ledger/index.js';
import { createPriceTable } from './pricing/index.js';
import { createProvider, type Provider } from './providers/index.js';
import { createCascadeExecutor, createShadowReporter, createShadowSampler, loadRoutedModels, routeRoutedModel } from './routing/index.js';
import { authorizeBudgetRequest, authorizeByPolicy, loadPolicies, PolicyCheck, PolicyEngine, type PolicyReloadOutcome } from './governance/policies/index.js';
import { createPolicyReloader } from './create-policy-reloader.js';
import { ApprovalService, createApprovalLinks, createApprovalNotifier, retireStoredLinkSecret } from './governance/approvals/index.js';
import { createAuthorityAudit, DecisionRegistry, DecisionService } from './governance/decisions/index.js';
import { createCacheStore, createCachingExecutor, createEmbedderSelector, createSemanticEntryRepository, openSharedSemanticIndex } from './cache/index.js';
import { compressContext } from './compression/index.js';
import { auditDataFindings, createRedactingExecutor, DataPolicy, protectRequest } from './governance/pii/index.js';
import { createSchemaEnforcingExecutor, createStructuredAnswerCheck, SchemaValidator } from './structured/index.js';
import { openStore } from './store/index.js';
import { createOutboundGuard } from './outbound/index.js';
import { loadServerSecret } from './secrets/index.js';
import { startAuditTrail } from './start-audit-trail.js';
import { startBudgets } from './start-budgets.js';
import { createGatewayMetrics } from './telemetry/index.js';
import {
  BudgetRequestService,
  reserveBudget,
} from './budgets/index.js';


export interface StartOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  log?: (line: string) => void;
  /** Skip loading: tests pass a ready configuration. */
  config?: PodiumConfig;
  /** Wall clock for budget periods and projections; tests pass a fake one. */
  clock?: () => Date;
}

export interface RunningPodium {
  url: string;
  /** Every HTTP route served (method and path pattern): tests enumerate them. */
  routes: readonly RouteName[];
  /** Reloads policies (and file-defined decisions) from podium.yaml now, as SIGHUP does; undefined without policies. */
  reloadPolicies(): Promise<PolicyReloadOutcome | undefined>;
  close(): Promise<void>;
}

const abortableSleep = (milliseconds: number, signal: AbortSignal): Promise<void> =>
  sleepFor(milliseconds, undefined, { signal }).then(() => undefined);

/** Loads configuration, opens the store, wires the pipeline and listens. */
export async function startPodium(options: StartOptions = {}): Promise<RunningPodium> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const defaults = processConfigOptions();
  const config = options.config ?? (await loadConfig({ env: options.env ?? defaults.env, cwd: options.cwd ?? defaults.cwd }));
  // PODIUM_DATA_DIR=:memory: keeps the embedded store in memory (tests, throwaway runs).
  const dataDir = config.server.databaseUrl || config.server.dataDir.endsWith(':memory:') ? undefined : config.server.dataDir;
  // Before the store opens: a replica without the shared secret must not start at all.
  const { secret, notes } = await loadServerSecret({
    value: config.server.secretKey,
    file: config.server.secretKeyFile,
    dataDir: config.server.dataDir.endsWith(':memory:') ? undefined : config.server.dataDir,
    shared: config.server.databaseUrl !== undefined,
  });
  for (const note of notes) log(`podium: ${note}`);
  const store = await openStore({ databaseUrl: config.server.databaseUrl, dataDir });
  const metrics = createGatewayMetrics();
  // Every request to a URL someone chose or configured goes through one guard (SSRF): see outbound/.
  const outbound = createOutboundGuard({ allow: config.outbound.allow });

  const identity = new IdentityService({ records: store.identity, cacheTtlMs: config.identity.keyCacheTtlMs, staleKeyTtlMs: config.identity.staleKeyTtlMs });
  const organization = await identity.initialize();
  const admin = await ensureAdminCredential({
    configured: config.server.adminKey,
    settings: store.settings,
    announce: (secret) =>
      log(`podium: generated an admin key (shown once, stored hashed). Save it as PODIUM_ADMIN_KEY:\n\n    ${secret}\n`),
  });

  const providers = new Map<string, Provider>(Object.entries(config.providers).map(([name, provider]) => [name, createProvider(name, provider)]));
  const prices = createPriceTable({
    aliasPrices: Object.fromEntries(Object.entries(config.models).map(([alias, model]) => [alias, model.price])),
    overrides: config.pricing,
  });
  const catalog = new ModelCatalog(config, providers, prices);
  const codecs = createCodecs({ defaultMaxTokens: config.gateway.defaultMaxTokens });
  const ledger = new LedgerWriter({
    sink: store.ledger,
    metrics,
    batchSize: config.ledger.batchSize,
    flushIntervalMs: config.ledger.flushIntervalMs,
    onError: (error) => log(`podium: ledger write failed, will retry: ${(error as Error).message}`),
    // A refused record is the operator's business: which one, whose, and why (counted in podium_ledger_{sanitized,rejected}_records_total).
    onRefused: (refusal) => log(`podium: WARNING ledger record ${refusal.recordId} (team ${refusal.teamId ?? '-'}) refused by the store for its data: ${refusal.outcome} (${refusal.reason})`),
  });
  const now = () => performance.now();
  const { budgets, events: budgetEvents, counters, refresh: budgetRefresh } = await startBudgets({
    config,
    store,
    organization,
    metrics,
    fetch: outbound.fetch,
    now: options.clock ?? (() => new Date()),
    sleep: abortableSleep,
    log,
  });
  const configDir = config.source ? dirname(config.source) : (options.cwd ?? defaults.cwd);
  const policyEngine = config.policies
    ? new PolicyEngine({ policies: loadPolicies({ files: config.policies.files, texts: config.policies.inline, baseDir: configDir, decisions: config.decisions.definitions }) })
    : undefined;
  // One check for every action (model calls, proposals, budget requests); denials go to the audit trail,
  // which is built later: the hook is late-bound, and denials only happen once serving.
  const policyCheck = policyEngine && new PolicyCheck({ engine: policyEngine, mode: config.policies?.mode ?? 'enforce', metrics, roles: config.roles, onDeny: (denial) => audit.recordPolicyDenial(denial) });
  const policyStage =
    policyCheck &&
    authorizeByPolicy({
      check: policyCheck,
      external: (name) => config.providers[name]?.external ?? config.providers[name]?.type !== 'openai-compatible',
      onError: (error) => log(`podium: audit append failed (policy denial): ${(error as Error).message}`),
    });
  const approvers = config.budgets.approvers;
  const budgetRequests = new BudgetRequestService({
    repository: store.budgetRequests,
    admin: budgets,
    ...(approvers ? { approvers: () => approvers } : {}),
    ...(policyCheck ? { authorize: authorizeBudgetRequest({ check: policyCheck, tenant: organization.id }) } : {}),
  });
  // Compression, the cascade, shadow samples and alias embeddings call back into the pipeline they are part of.
  const internalCalls = new InternalCalls();
  // One embedder per name, shared by the semantic cache and learned routers trained with embeddings.
  const embedders = createEmbedderSelector({ gateway: internalCalls.gateway, localOptions: { ...config.cache.localEmbedder, onError: (error) => log(`podium: local embedder: ${(error as Error).message}`) } });
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
    ? new DataPolicy({ global: config.dataProtection, aliases: Object.fromEntries(Object.entries(config.models).map(([alias, model]) => [alias, model.dataProtection])) })
    : undefined;
  const shadowSampler = createShadowSampler({
    gateway: internalCalls.gateway,
    codecs,
    metrics,
    shadowFor: (alias) => config.models[alias]?.router?.shadow,
    results: store.shadowResults,
    onError: (error) => log(`podium: shadow sample failed: ${(error as Error).message}`),
  });
  const cacheStore = await createCacheStore({ config: config.cache, redisUrl: config.server.redisUrl, now: Date.now, log });
  // The semantic index lives in the database too (restarts, replicas); only opened when some alias uses it.
  const sharedIndex = Object.values(config.models).some((model) => model.cache?.semantic)
    ? await openSharedSemanticIndex({
        repository: createSemanticEntryRepository(store.sql),
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
    compress: compressContext({ options: (alias) => config.models[alias]?.compression, gateway: internalCalls.gateway, codecs, metrics }),
    reserveBudget: reserveBudget({ engine: budgets, catalog, defaultMaxOutputTokens: config.budgets.defaultMaxOutputTokens, onError: (error) => log(`podium: budget settlement failed: ${(error as Error).message}`) }),
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
    cascade: (inner) => createCascadeExecutor({ inner, routed, gateway: internalCalls.gateway, codecs, metrics, checkSchema: createStructuredAnswerCheck(schemas) }),
    enforceSchema: (inner) => createSchemaEnforcingExecutor({ inner, codecs, metrics, validator: schemas, options: (alias) => config.models[alias]?.structuredOutput }),
    record: recordCall({ ledger, metrics, now }),
    // Late-bound like the policy denials: the audit trail is built below, and calls only complete once serving.
    auditFindings:
      dataPolicy && auditDataFindings({ append: (input) => auditLog.append(input), defaultTenant: organization.id, onError: (error) => log(`podium: audit append failed: ${(error as Error).message}`) }),
    onStageError: (error) => log(`podium: completion stage failed: ${(error as Error).message}`),
  });
  const gateway = new Gateway(pipeline.stages);
  internalCalls.bind(gateway);

  const clock = options.clock ?? (() => new Date());
  // Keys derive from the server secret, which never enters the database: reading or rewriting it cannot forge a link or re-sign.
  const { auditLog, signer } = await startAuditTrail({ config, configDir, secret, store: store.audit, fetch: outbound.fetch, log });
  const audit = createAuthorityAudit({ append: (input) => auditLog.append(input) });
  if (await retireStoredLinkSecret(store.settings)) {
    log('podium: deleted the approval-link key earlier releases kept in the database; links sent before this start no longer work (send them again)');
  }
  const approvalLinks = createApprovalLinks({ secret: secret.derive('approval-links'), publicUrl: config.approvals.publicUrl, ttlMs: config.approvals.linkTtlMs, now: clock });
  const approvals = new ApprovalService({
    records: store.approvals,
    now: clock,
    notifier: createApprovalNotifier({ webhooks: config.approvals.webhooks, links: approvalLinks, fetch: outbound.fetch }),
    remindAfterMs: config.approvals.reminderAfterMs,
    sweepIntervalMs: config.approvals.sweepIntervalMs,
    onOutcome: (approval) => audit.recordApproval(approval),
    onError: (error) => log(`podium: approvals: ${(error as Error).message}`),
  });
  approvals.start();
  const decisions = new DecisionRegistry({ configured: config.decisions.definitions, settings: store.settings, roles: Object.keys(config.roles), onError: (error) => log(`podium: decisions: ${(error as Error).message}`) });
  await decisions.start();
  const policyReloader = policyCheck && config.source ? createPolicyReloader({ config, source: config.source, check: policyCheck, decisions, env: options.env ?? defaults.env, metrics, log, audit: (input) => auditLog.append({ tenant: organization.id, ...input }) }) : undefined;
  await policyReloader?.start();
  // SIGHUP reloads policies at once, as the usual daemon convention (and the file check within its interval).
  const onHangup = (): void => void policyReloader?.reload('signal');
  if (policyReloader) process.on('SIGHUP', onHangup);
  const decisionService = new DecisionService({
    definitions: (id) => decisions.get(id),
    approvals,
    policies: policyCheck,
    record: (record) => audit.recordDecision(record),
    roles: config.roles,
    now: clock,
    checkCallbackUrl: (url) => outbound.check(url, 'callbackUrl'),
  });

  // Every admin-API mutation leaves an audit entry naming its verified credential, never the secret.
  const router = new Router({
    wrap: auditAdminActions({
      identify: identifyAdminActor({ admin, authenticate: (key) => identity.authenticate(key), links: approvalLinks, organizationId: organization.id, fingerprintKey: secret.derive('credential-ids') }),
      append: (input) => auditLog.append(input),
      onError: (error) => log(`podium: audit append failed (admin action): ${(error as Error).message}`),
    }),
  });
  addGatewayRoutes(router, { gateway, catalog, identity, maxBodyBytes: config.gateway.maxBodyBytes });
  addAdminRoutes(router, {
    admin,
    identity,
    catalog,
    requests: createRequestQuery({ findTeam: (ref) => store.identity.findTeam(ref), findKey: (ref) => store.identity.findKey(ref), list: (filter) => store.ledger.list(filter) }),
  });
  addBudgetRoutes(router, { admin, budgets, requests: budgetRequests, events: store.budgetEvents, spend: store.spend });
  addApprovalRoutes(router, { admin, approvals, links: approvalLinks, onError: (error) => log(`podium: approval link: ${(error as Error).message}`) });
  addAuditRoutes(router, { admin, audit: store.audit, publicKey: { keyId: signer.keyId, publicKey: signer.publicKeyPem } });
  addDecisionRoutes(router, { admin, authenticate: (secret) => identity.authenticate(secret), organizationId: organization.id, registry: decisions, service: decisionService, approvals });
  addRoutingReportRoutes(router, {
    admin,
    report: createShadowReporter({ results: store.shadowResults, referenceOf: (alias) => config.models[alias]?.router?.reference }),
  });
  addHealthRoutes(router, {
    liveness: { store: store.driver },
    probes: {
      store: { required: true, check: () => store.sql.query('SELECT 1') },
      // Optional: without Redis the response cache misses and budgets follow their fail policy.
      ...(cacheStore.ready ? { redis: { required: false, check: (timeoutMs: number) => cacheStore.ready?.(timeoutMs) ?? Promise.resolve() } } : {}),
    },
  });
  addMetricsRoute(router, { metrics, token: config.http.metricsToken });

  const { maxHeaderBytes, headersTimeoutMs, bodyTimeoutMs, keepAliveTimeoutMs } = config.http;
  const server = createHttpServer(router, (error) => log(`podium: unhandled error: ${(error as Error).stack ?? String(error)}`), {
    maxHeaderBytes,
    headersTimeoutMs,
    bodyTimeoutMs,
    keepAliveTimeoutMs,
    allowedHosts: resolveAllowedHosts({ configured: config.http.allowedHosts, bindHost: config.server.host }),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.server.port, config.server.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  const unpriced = catalog.list().filter((model) => !model.priced);
  log(`podium: listening on ${url} (store: ${store.driver}${config.source ? `, config: ${config.source}` : ', no podium.yaml'})`);
  if (store.driver === 'pglite') {
    log('podium: embedded store (PGlite) — one process, no fsync; set PODIUM_DATABASE_URL for production (docs/decisions/0003-storage.md)');
  }
  for (const model of unpriced) log(`podium: WARNING model "${model.id}" has a target without a price: its calls will be flagged as unpriced`);

  let closing: Promise<void> | undefined;
  return {
    url,
    routes: router.routes,
    reloadPolicies: () => policyReloader?.reload('manual') ?? Promise.resolve(undefined),
    close: () =>
      (closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
        });
        // Shadows run through the pipeline: drain them while the ledger and providers are still open.
        await shadowSampler.close({ abortAfterMs: 10_000 });
        await sharedIndex?.close();
        await embedders.close();
        await cacheStore.close();
        decisions.close();
        policyReloader?.close();
        process.off('SIGHUP', onHangup);
        budgetRefresh.stop();
        await approvals.close();
        await auditLog.close();
        await ledger.close();
        await budgetEvents.drain();
        await counters.close();
        await Promise.all([...providers.values()].map((provider) => provider.close()));
        await store.close();
      })()),
  };
}
