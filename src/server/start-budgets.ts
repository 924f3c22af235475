/**
 * Composition of budgets (a part of the composition root, kept out of main.ts for size): the alert sink, which
 * counters (never a silent per-process fallback when replicas share a database), the engine, the seeding of
 * counters found empty from the ledger, and the refresh that brings other replicas' definitions in.
 */
import type { Organization } from '../contract/index.js';
import { validateBudgetDefinition, type PodiumConfig } from './config/index.js';
import {
  BudgetEngine,
  createBudgetEventSink,
  createScopeResolver,
  defaultCountersKind,
  reportCounterOutage,
  selectCounters,
  startBudgetRefresh,
  type BudgetCounters,
  type BudgetEventDispatcher,
  type BudgetFacts,
  type BudgetRefresh,
  createBudgetEventRepository,
  createBudgetRepository,
} from './budgets/index.js';
import type { IdentityRepository } from './identity/index.js';
import type { LedgerRepository } from './ledger/index.js';
import type { SqlClient } from './store/index.js';
import type { Metrics } from './telemetry/index.js';

export interface StartBudgetsOptions {
  config: PodiumConfig;
  /** Budgets create their own repositories (definitions, events) and PostgreSQL counters on it. */
  sql: SqlClient;
  identity: IdentityRepository;
  ledger: LedgerRepository;
  organization: Organization;
  metrics: Metrics;
  /** The outbound guard's fetch, for alert webhooks. */
  fetch: typeof fetch;
  now: () => Date;
  sleep: (milliseconds: number, signal: AbortSignal) => Promise<void>;
  log: (line: string) => void;
}

export interface RunningBudgets {
  budgets: BudgetEngine;
  events: BudgetEventDispatcher;
  counters: BudgetCounters;
  refresh: BudgetRefresh;
}

/** Builds the budget engine on its counters, seeds them when found empty, and starts the cross-replica refresh. */
export async function startBudgets(options: StartBudgetsOptions): Promise<RunningBudgets> {
  const { config, sql, identity, log } = options;
  // The sink describes events with the budget's unit and period; the engine that knows them comes next.
  let budgetFacts: (id: string) => BudgetFacts | undefined = () => undefined;
  const events = createBudgetEventSink({
    repository: createBudgetEventRepository(sql),
    webhooks: config.alerts.webhooks,
    fetch: options.fetch,
    facts: (id) => budgetFacts(id),
    onError: (error) => log(`podium: budget alert delivery failed: ${(error as Error).message}`),
  });
  const countersKind = defaultCountersKind({
    configured: config.budgets.counters,
    redisUrl: config.server.redisUrl,
    databaseUrl: config.server.databaseUrl,
  });
  if (config.server.databaseUrl && !config.server.redisUrl && config.budgets.counters === undefined) {
    log(
      'podium: budget counters in PostgreSQL (PODIUM_DATABASE_URL without PODIUM_REDIS_URL), so replicas share them; set PODIUM_REDIS_URL for more than a few hundred calls per second',
    );
  }
  if (config.server.databaseUrl && countersKind === 'memory') {
    log(
      'podium: WARNING budgets.counters is memory with a shared database: each replica counts alone, and N replicas admit up to N times a budget',
    );
  }
  // Late-bound: the engine that knows the budgets is built on these counters.
  let seedValues: (() => Promise<ReadonlyMap<string, number>>) | undefined = undefined;
  const counters = await selectCounters({
    kind: countersKind,
    redisUrl: config.server.redisUrl,
    sql,
    failMode: config.budgets.failMode,
    log,
    onTrigger: reportCounterOutage({ store: countersKind, metrics: options.metrics, events, log }),
    ledgerValues: () => (seedValues ? seedValues() : Promise.resolve(new Map())),
    seedingEnabled: () => seedValues !== undefined,
    checkIntervalMs: config.budgets.refreshIntervalMs,
  });
  const budgets = await BudgetEngine.create({
    counters,
    configured: config.budgets.definitions,
    store: createBudgetRepository(sql),
    resolver: createScopeResolver({
      organization: options.organization,
      findTeam: (ref) => identity.findTeam(ref),
      findProject: (teamId, ref) => identity.findProject(teamId, ref),
      listProjects: (teamId) => identity.listProjects(teamId),
      findKey: (ref) => identity.findKey(ref),
      listTeams: () => identity.listTeams(),
    }),
    events,
    now: options.now,
    sleep: options.sleep,
    validate: (definition) => validateBudgetDefinition(definition, config),
    onError: (error) => log(`podium: budget status refresh failed: ${(error as Error).message}`),
  });
  budgetFacts = (id) => budgets.get(id)?.definition;
  seedValues = () => budgets.ledgerValues((filter) => options.ledger.usageForScope(filter));
  // Seeds counters found empty (always in process; a shared store only when it lost its data) before the
  // first call; a shared store that is down is seeded when it answers, under the fail policy meanwhile.
  await counters
    .read([])
    .catch((error: unknown) => log(`podium: budget counters not checked at start: ${(error as Error).message}`));
  await budgets.status().catch(() => undefined);
  const refresh = startBudgetRefresh({
    engine: budgets,
    intervalMs: config.budgets.refreshIntervalMs,
    onError: (error) => log(`podium: budget refresh failed: ${(error as Error).message}`),
  });
  return { budgets, events, counters, refresh };
}
