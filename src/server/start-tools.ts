/**
 * Composition of the tool gateway (a part of the composition root): the upstreams of `tools.upstreams` plus
 * Podium's own tools, the pinned catalog, and — once governance runs — the governed pipeline and the MCP
 * endpoint. Two steps because policies and tools depend on each other: `tool.call` policies are validated
 * against every tool's argument fields (so the catalog comes first), and the tool pipeline needs the policies
 * and approvals (so it comes after governance).
 */
import { toolsConfigSchema, type Organization, type ToolsConfig } from '../contract/index.js';
import { abortableSleep } from './abortable-sleep.js';
import type { BudgetEngine } from './budgets/index.js';
import type { PodiumConfig } from './config/index.js';
import { identifyCaller } from './gateway/index.js';
import type { AuditLog } from './governance/audit/index.js';
import type { DataPolicy } from './governance/pii/index.js';
import { toolArgumentFields, type CedarFieldType } from './governance/policies/index.js';
import type { IdentityService } from './identity/index.js';
import type { LedgerWriter } from './ledger/index.js';
import { declareToolCallPipeline } from './pipeline/index.js';
import type { StartedGovernance } from './start-governance.js';
import type { SqlClient } from './store/index.js';
import { SchemaValidator } from './structured/index.js';
import type { Metrics } from './telemetry/index.js';
import {
  createMcpEndpoint,
  createPodiumToolsUpstream,
  createToolApprovalGrants,
  createToolCallAudit,
  createToolCatalog,
  createToolGateway,
  createToolPinRepository,
  waitForApproval,
  withToolSearch,
  type McpEndpoint,
  type PinnedToolCatalog,
  type ToolGateway,
  type ToolUpstream,
} from './tools/index.js';
import { createUpstream } from './tools/upstreams/create-upstream.js';

/** No `tools:` section: only Podium's own tools, with the defaults. */
const emptyToolsConfig: ToolsConfig = toolsConfigSchema.parse({});

export interface StartToolCatalogOptions {
  config: PodiumConfig;
  configDir: string;
  store: SqlClient;
  organization: Organization;
  auditLog: AuditLog;
  budgets: BudgetEngine;
  log: (line: string) => void;
}

export interface StartedToolCatalog {
  catalog: PinnedToolCatalog;
  /** The argument fields `tool.call` policies are validated against now (every pinned, pending and served tool). */
  argumentFields(): Readonly<Record<string, CedarFieldType>>;
  /** Reads the tools again; true when the argument fields changed (policies must be loaded again). */
  refreshArgumentFields(): Promise<boolean>;
  /** Podium's own tools call governance: they answer 503 until this is called. */
  bindGovernance(governance: StartedGovernance): void;
  close(): Promise<void>;
}

/** Starts every upstream and the pinned catalog, and reads the tools' argument fields for policies. */
export async function startToolCatalog(options: StartToolCatalogOptions): Promise<StartedToolCatalog> {
  const { config, configDir, store, organization, auditLog, budgets, log } = options;
  const tools = config.tools ?? emptyToolsConfig;
  let governance: StartedGovernance | undefined;
  const governed = (): StartedGovernance => {
    if (governance) return governance;
    throw new Error('Podium is still starting: its own tools are not served yet');
  };
  // Podium's tools are built before governance (their argument fields type the policies) and call it late.
  const podium = createPodiumToolsUpstream({
    approvals: { request: (input) => governed().approvals.request(input), get: (id) => governed().approvals.get(id) },
    decisions: { propose: (...input) => governed().decisionService.propose(...input) },
    registry: { list: () => governed().decisions.list(), get: (id) => governed().decisions.get(id) },
    budgets,
    budgetRequests: { file: (...input) => governed().budgetRequests.file(...input) },
    roles: config.roles,
    defaultApprovers: config.budgets.approvers,
  });
  const upstreams: ToolUpstream[] = [podium];
  try {
    for (const [name, upstream] of Object.entries(tools.upstreams)) {
      upstreams.push(
        await createUpstream(name, upstream, { baseDir: configDir, logger: (line) => log(`podium: tools: ${line}`) }),
      );
    }
  } catch (error) {
    await Promise.allSettled(upstreams.map((upstream) => upstream.close()));
    throw error;
  }
  const pins = createToolPinRepository(store);
  const catalog = createToolCatalog({
    upstreams,
    pins,
    config: tools,
    audit: { tenant: organization.id, append: (entry) => auditLog.append(entry) },
    onQuarantine: (event) => log(`podium: tools: ${event.message}`),
  });

  let fields: Readonly<Record<string, CedarFieldType>> = {};
  const readFields = async (): Promise<Record<string, CedarFieldType>> => {
    // Pinned and pending definitions too: a policy may name the arguments of a tool an admin has yet to approve.
    await catalog.tools().catch((error: unknown) => log(`podium: tools: listing failed: ${(error as Error).message}`));
    const [pinned, pending] = await Promise.all([pins.pins(), pins.pending()]);
    const served = await Promise.all(
      upstreams.map((upstream) => upstream.listTools({ caller: undefined }).catch(() => [])),
    );
    return toolArgumentFields(
      [...pinned.map((pin) => pin.definition), ...pending.map((entry) => entry.definition), ...served.flat()],
      (message) => log(`podium: ${message}`),
    );
  };
  fields = await readFields();

  return {
    catalog,
    argumentFields: () => fields,
    async refreshArgumentFields() {
      const next = await readFields();
      const changed = JSON.stringify(next) !== JSON.stringify(fields);
      fields = next;
      return changed;
    },
    bindGovernance(started) {
      governance = started;
    },
    async close() {
      await Promise.allSettled(upstreams.map((upstream) => upstream.close()));
    },
  };
}

export interface StartToolGatewayOptions {
  config: PodiumConfig;
  store: SqlClient;
  tools: StartedToolCatalog;
  governance: StartedGovernance;
  identity: IdentityService;
  budgets: BudgetEngine;
  ledger: LedgerWriter;
  dataPolicy: DataPolicy | undefined;
  auditLog: AuditLog;
  metrics: Metrics;
  version: string;
  clock: () => Date;
  log: (line: string) => void;
}

export interface StartedToolGateway {
  gateway: ToolGateway;
  endpoint: McpEndpoint;
  /** Stops the catalog's change listener, closes the endpoint's waiting calls and drains tool-call audit entries. */
  close(): Promise<void>;
}

/** The governed pipeline every tool call goes through, and the MCP endpoint that serves it. */
export function startToolGateway(options: StartToolGatewayOptions): StartedToolGateway {
  const { config, store, tools, governance, identity, budgets, ledger, dataPolicy, auditLog, metrics, log } = options;
  const settings = config.tools ?? emptyToolsConfig;
  const { catalog } = tools;
  const onError = (error: unknown): void => log(`podium: tools: ${(error as Error).message}`);
  const audit = createToolCallAudit({
    append: (entry) => auditLog.append(entry),
    now: () => performance.now(),
    onError,
  });
  const pipeline = declareToolCallPipeline({
    catalog,
    identify: identifyCaller(identity),
    validator: new SchemaValidator(),
    metrics,
    config: {
      costs: settings.costs,
      approvalTimeoutMs: settings.approvalTimeoutMs,
      maxResultBytes: settings.maxResultBytes,
    },
    timeoutMs: (upstream) => settings.upstreams[upstream]?.timeoutMs ?? 60_000,
    policy: governance.policyCheck && {
      check: governance.policyCheck,
      approvals: governance.approvals,
      grants: createToolApprovalGrants(store),
      onError,
    },
    budget: { engine: budgets, onError },
    resultActions:
      dataPolicy && ((tool) => dataPolicy.actionsFor({ alias: undefined, provider: tool.definition.upstream })),
    record: (record) => ledger.append(record),
    audit,
    now: options.clock,
    onStageError: onError,
  });
  // Above `tools.searchThreshold` visible tools a caller gets a search tool and a call tool instead of the list.
  const gateway = withToolSearch(
    createToolGateway({
      catalog,
      identity,
      stages: pipeline.stages,
      waitForApproval: waitForApproval({ approvals: governance.approvals, now: options.clock, sleep: abortableSleep }),
      now: options.clock,
    }),
    { threshold: settings.searchThreshold },
  );
  const endpoint = createMcpEndpoint({
    gateway,
    version: options.version,
    maxBodyBytes: config.gateway.maxBodyBytes,
    onError,
  });
  // A new or approved tool may bring argument fields policies have not been typed with: load them again.
  const stopListening = catalog.onChanged(() => {
    endpoint.toolsChanged();
    void tools
      .refreshArgumentFields()
      .then((changed) => (changed ? governance.reloadForTools() : undefined))
      .catch(onError);
  });
  return {
    gateway,
    endpoint,
    async close() {
      stopListening();
      await endpoint.close();
      await audit.drain();
    },
  };
}
