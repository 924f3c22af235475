/**
 * Composition of everything that runs on the store (a part of the composition root, kept out of main.ts):
 * identity, the audit trail, budgets, governance, the gateway and HTTP, wired in dependency order, and the
 * close that stops them in reverse. main.ts imports this file only once PostgreSQL is starting, so loading
 * these modules overlaps the database's start.
 */
import { abortableSleep } from './abortable-sleep.js';
import type { PodiumConfig } from './config/index.js';
import { createAuditRepository } from './governance/audit/index.js';
import type { PolicyReloadOutcome } from './governance/policies/index.js';
import type { RouteName } from './http/index.js';
import { createIdentityRepository } from './identity/index.js';
import { createLedgerRepository } from './ledger/index.js';
import { createOutboundGuard } from './outbound/index.js';
import type { ServerSecret } from './secrets/index.js';
import { startAuditTrail } from './start-audit-trail.js';
import { startBudgets } from './start-budgets.js';
import { startGateway, type StartedGateway } from './start-gateway.js';
import { startGovernance, type StartedGovernance } from './start-governance.js';
import { startHttp, type StartedHttp } from './start-http.js';
import { serverVersion } from './server-version.js';
import { startToolCatalog, startToolGateway, type StartedToolGateway } from './start-tools.js';
import { startIdentity } from './start-identity.js';
import type { SqlClient } from './store/index.js';
import { createGatewayMetrics } from './telemetry/index.js';
import { preloadTokenizer } from './tokens/index.js';

export interface RunningPodium {
  url: string;
  /** Every HTTP route served (method and path pattern): tests enumerate them. */
  routes: readonly RouteName[];
  /** Reloads policies (and file-defined decisions) from podium.yaml now, as SIGHUP does; undefined without policies. */
  reloadPolicies(): Promise<PolicyReloadOutcome | undefined>;
  close(): Promise<void>;
}

interface Started {
  governance: StartedGovernance;
  models: StartedGateway;
  toolGateway: StartedToolGateway;
  http: StartedHttp;
}

export interface StartServicesOptions {
  config: PodiumConfig;
  /** podium.yaml's directory (or the working directory without one). */
  configDir: string;
  env: NodeJS.ProcessEnv;
  clock: () => Date;
  log: (line: string) => void;
  secret: ServerSecret;
  /** Open and migrated; closed last by the returned close(). */
  store: SqlClient;
  /** What the startup line says the store is. */
  storeLabel: string;
}

/** Wires every capability on the open store and listens. */
export async function startServices(options: StartServicesOptions): Promise<RunningPodium> {
  const { config, configDir, env, clock, log, secret, store, storeLabel } = options;
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
  // Tools before governance: `tool.call` policies are typed with the tools' argument fields (start-tools.ts).
  const tools = await startToolCatalog({ config, configDir, store, organization, auditLog, budgets, log });
  let started: Started;
  try {
    started = await startGovernedParts();
  } catch (error) {
    // Upstreams may be child processes: a failed start must not leave them running.
    await tools.close();
    throw error;
  }
  const { governance, models, toolGateway, http } = started;
  const url = http.url;
  const unpriced = models.catalog.list().filter((model) => !model.priced);
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

  async function startGovernedParts(): Promise<Started> {
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
      toolArguments: () => tools.argumentFields(),
    });
    tools.bindGovernance(governance);
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
    const toolGateway = startToolGateway({
      config,
      store,
      tools,
      governance,
      identity,
      budgets,
      ledger: models.ledger,
      dataPolicy: models.dataPolicy,
      auditLog,
      metrics,
      version: serverVersion(),
      clock,
      log,
    });
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
      tools: { admin: tools.catalog, endpoint: toolGateway.endpoint },
      log,
    });
    return { governance, models, toolGateway, http };
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
        await toolGateway.close();
        await tools.close();
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
