/**
 * The composition root: the only place that picks concrete drivers and wires capabilities
 * into the pipeline. Everything else receives what it needs. `startPodium` reads as the list of
 * steps; each step's wiring lives beside it in a `start-*.ts` file.
 */
import { dirname } from 'node:path';
import { abortableSleep } from './abortable-sleep.js';
import { loadConfig, processConfigOptions, type PodiumConfig } from './config/index.js';
import type { PolicyReloadOutcome } from './governance/policies/index.js';
import type { RouteName } from './http/index.js';
import { firstRunConfig } from './discovery/index.js';
import { createAuditRepository } from './governance/audit/index.js';
import { createIdentityRepository } from './identity/index.js';
import { createLedgerRepository } from './ledger/index.js';
import { createOutboundGuard } from './outbound/index.js';
import { startAuditTrail } from './start-audit-trail.js';
import { startBudgets } from './start-budgets.js';
import { startGateway } from './start-gateway.js';
import { startGovernance } from './start-governance.js';
import { startHttp } from './start-http.js';
import { startIdentity } from './start-identity.js';
import { startStore } from './start-store.js';
import { createGatewayMetrics } from './telemetry/index.js';
import { preloadTokenizer } from './tokens/index.js';

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

/** Loads configuration, opens the store, wires the pipeline and listens. */
export async function startPodium(options: StartOptions = {}): Promise<RunningPodium> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const defaults = processConfigOptions();
  const env = options.env ?? defaults.env;
  // Without podium.yaml, serve what the environment and local servers offer (docs/configuration.md, "First run").
  const config =
    options.config ??
    (await firstRunConfig({ config: await loadConfig({ env, cwd: options.cwd ?? defaults.cwd }), env, log }));
  const configDir = config.source ? dirname(config.source) : (options.cwd ?? defaults.cwd);
  const clock = options.clock ?? (() => new Date());
  const { secret, store, label: storeLabel } = await startStore({ config, log });
  const metrics = createGatewayMetrics();
  // Every request to a URL someone chose or configured goes through one guard (SSRF): see outbound/.
  const outbound = createOutboundGuard({ allow: config.outbound.allow });
  const { identity, organization, admin } = await startIdentity({ config, store, log });
  // Keys derive from the server secret, which never enters the database: reading or rewriting it cannot forge a link or re-sign.
  const { auditLog, signer } = await startAuditTrail({
    config,
    configDir,
    secret,
    store: createAuditRepository(store),
    fetch: outbound.fetch,
    log,
  });
  const {
    budgets,
    events: budgetEvents,
    counters,
    refresh: budgetRefresh,
  } = await startBudgets({
    config,
    sql: store,
    identity: createIdentityRepository(store),
    ledger: createLedgerRepository(store),
    organization,
    metrics,
    fetch: outbound.fetch,
    now: clock,
    sleep: abortableSleep,
    log,
  });
  const governance = await startGovernance({
    config,
    configDir,
    env,
    store,
    secret,
    metrics,
    outbound,
    organization,
    budgets,
    auditLog,
    clock,
    log,
  });
  const models = await startGateway({
    config,
    configDir,
    store,
    metrics,
    identity,
    organization,
    budgets,
    policyCheck: governance.policyCheck,
    auditLog,
    log,
  });
  const { gateway, catalog, cacheStore } = models;
  const http = await startHttp({
    config,
    store,
    secret,
    metrics,
    identity,
    organization,
    admin,
    auditLog,
    signer,
    budgets,
    governance,
    gateway,
    catalog,
    cacheStore,
    log,
  });

  const url = http.url;
  const unpriced = catalog.list().filter((model) => !model.priced);
  log(
    `podium: listening on ${url} (store: ${storeLabel}${config.source ? `, config: ${config.source}` : ', no podium.yaml'})`,
  );
  for (const model of unpriced)
    log(`podium: WARNING model "${model.id}" has a target without a price: its calls will be flagged as unpriced`);
  // Compression counts prompt tokens on every call it covers: load the tokenizer now, not on the first call
  // (budgets do the same when they exist; without either it is never loaded).
  if (Object.values(config.models).some((model) => model.compression !== undefined)) {
    setImmediate(() => {
      try {
        preloadTokenizer();
      } catch (error) {
        // Not fatal here: the first compressed call loads it (and reports the failure) itself.
        log(`podium: tokenizer preload failed: ${(error as Error).message}`);
      }
    });
  }

  let closing: Promise<void> | undefined;
  return {
    url,
    routes: http.routes,
    reloadPolicies: () => governance.policyReloader?.reload('manual') ?? Promise.resolve(undefined),
    // In the reverse order of what depends on what: no new calls, then Podium's own calls, then the writers.
    close: () =>
      (closing ??= (async () => {
        await http.close();
        await models.stopInternalCalls();
        await governance.close();
        budgetRefresh.stop();
        await auditLog.close();
        await models.ledger.close();
        await budgetEvents.drain();
        await counters.close();
        await Promise.all([...models.providers.values()].map((provider) => provider.close()));
        await store.close();
      })()),
  };
}
