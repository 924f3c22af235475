/**
 * Composition of the HTTP edge (a part of the composition root, kept out of main.ts for size): the router
 * with every route group (gateway, admin, budgets, approvals, audit, decisions, routing report, health,
 * metrics), each admin mutation audited, and the server listening on the configured address.
 */
import type { AddressInfo } from 'node:net';
import type { Organization } from '../contract/index.js';
import { createBudgetEventRepository, createSpendReportRepository, type BudgetEngine } from './budgets/index.js';
import type { CacheStore } from './cache/index.js';
import type { PodiumConfig } from './config/index.js';
import type { Gateway, ModelCatalog } from './gateway/index.js';
import { createAuditRepository, type AuditLog, type CheckpointSigner } from './governance/audit/index.js';
import {
  addAdminRoutes,
  addApprovalRoutes,
  addAuditRoutes,
  addBudgetRoutes,
  addDecisionRoutes,
  addGatewayRoutes,
  addHealthRoutes,
  addMcpRoute,
  addToolRoutes,
  addMetricsRoute,
  addRoutingReportRoutes,
  auditAdminActions,
  createHttpServer,
  identifyAdminActor,
  resolveAllowedHosts,
  Router,
  type RouteName,
} from './http/index.js';
import { createIdentityRepository, type AdminCredential, type IdentityService } from './identity/index.js';
import { createLedgerRepository, createRequestQuery } from './ledger/index.js';
import { createShadowReporter, createShadowResultRepository } from './routing/index.js';
import type { ServerSecret } from './secrets/index.js';
import type { StartedGovernance } from './start-governance.js';
import type { SqlClient } from './store/index.js';
import type { Metrics } from './telemetry/index.js';
import type { McpEndpoint, ToolAdmin } from './tools/index.js';

export interface StartHttpOptions {
  config: PodiumConfig;
  store: SqlClient;
  secret: ServerSecret;
  metrics: Metrics;
  identity: IdentityService;
  organization: Organization;
  admin: AdminCredential;
  auditLog: AuditLog;
  signer: CheckpointSigner;
  budgets: BudgetEngine;
  governance: StartedGovernance;
  gateway: Gateway;
  catalog: ModelCatalog;
  cacheStore: CacheStore;
  /** The tool gateway: `/mcp` and the admin API's tools, upstreams and pins. */
  tools: { admin: ToolAdmin; endpoint: McpEndpoint };
  log: (line: string) => void;
}

export interface StartedHttp {
  url: string;
  routes: readonly RouteName[];
  /** Stops accepting connections and waits for the open ones to finish. */
  close(): Promise<void>;
}

/** Adds every route and listens; resolves once the server accepts connections. */
export async function startHttp(options: StartHttpOptions): Promise<StartedHttp> {
  const {
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
    gateway,
    catalog,
    cacheStore,
    log,
  } = options;
  const identityRecords = createIdentityRepository(store);
  const ledgerRecords = createLedgerRepository(store);
  const { budgetRequests, approvals, approvalLinks, decisions, decisionService } = options.governance;
  const allowedHosts = resolveAllowedHosts({ configured: config.http.allowedHosts, bindHost: config.server.host });
  // Every admin-API mutation leaves an audit entry naming its verified credential, never the secret.
  const router = new Router({
    wrap: auditAdminActions({
      identify: identifyAdminActor({
        admin,
        authenticate: (key) => identity.authenticate(key),
        links: approvalLinks,
        organizationId: organization.id,
        fingerprintKey: secret.derive('credential-ids'),
      }),
      append: (input) => auditLog.append(input),
      onError: (error) => log(`podium: audit append failed (admin action): ${(error as Error).message}`),
    }),
  });
  addGatewayRoutes(router, { gateway, catalog, identity, maxBodyBytes: config.gateway.maxBodyBytes });
  addAdminRoutes(router, {
    admin,
    identity,
    catalog,
    requests: createRequestQuery({
      findTeam: (ref) => identityRecords.findTeam(ref),
      findKey: (ref) => identityRecords.findKey(ref),
      list: (filter) => ledgerRecords.list(filter),
    }),
  });
  addBudgetRoutes(router, {
    admin,
    budgets,
    requests: budgetRequests,
    events: createBudgetEventRepository(store),
    spend: createSpendReportRepository(store),
  });
  addApprovalRoutes(router, {
    admin,
    approvals,
    links: approvalLinks,
    onError: (error) => log(`podium: approval link: ${(error as Error).message}`),
  });
  addAuditRoutes(router, {
    admin,
    audit: createAuditRepository(store),
    publicKey: { keyId: signer.keyId, publicKey: signer.publicKeyPem },
  });
  addDecisionRoutes(router, {
    admin,
    authenticate: (secret) => identity.authenticate(secret),
    organizationId: organization.id,
    registry: decisions,
    service: decisionService,
    approvals,
  });
  addRoutingReportRoutes(router, {
    admin,
    report: createShadowReporter({
      results: createShadowResultRepository(store),
      referenceOf: (alias) => config.models[alias]?.router?.reference,
    }),
  });
  addHealthRoutes(router, {
    liveness: { store: store.driver },
    probes: {
      store: { required: true, check: () => store.query('SELECT 1') },
      // Optional: without Redis the response cache misses and budgets follow their fail policy.
      ...(cacheStore.ready
        ? {
            redis: {
              required: false,
              check: (timeoutMs: number) => cacheStore.ready?.(timeoutMs) ?? Promise.resolve(),
            },
          }
        : {}),
    },
  });
  addMetricsRoute(router, { metrics, token: config.http.metricsToken });
  addToolRoutes(router, { admin, tools: options.tools.admin });
  addMcpRoute(router, {
    endpoint: options.tools.endpoint,
    allowedHosts,
    maxBodyBytes: config.gateway.maxBodyBytes,
    authenticate: (key) => identity.authenticate(key),
  });

  const { maxHeaderBytes, headersTimeoutMs, bodyTimeoutMs, keepAliveTimeoutMs } = config.http;
  const server = createHttpServer(
    router,
    (error) => log(`podium: unhandled error: ${(error as Error).stack ?? String(error)}`),
    {
      maxHeaderBytes,
      headersTimeoutMs,
      bodyTimeoutMs,
      keepAliveTimeoutMs,
      allowedHosts,
    },
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.server.port, config.server.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    routes: router.routes,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
