/**
 * The budget engine: which budgets a call touches, what it may cost, and an atomic reservation of
 * that maximum on every one of them before the call is sent — so N concurrent calls can never all
 * see the same remaining budget. Settles to the actual cost when usage arrives, releases on failure,
 * rations tiers while a budget runs hot, and emits threshold alerts.
 */
import { PodiumError, type BudgetDefinition, type BudgetStatus, type TierAction } from '../../contract/index.js';
import type { Price } from '../config/index.js';
import type { ScopeUsageFilter } from '../ledger/index.js';
import type { BudgetAdmin, BudgetEntry, BudgetEventSink } from './budget-admin.js';
import type { BudgetCounters, CounterDebit } from './budget-counters.js';
import { periodWindow, type PeriodWindow } from './budget-period.js';
import { budgetRefusal } from './budget-refusal.js';
import { computeStatus } from './budget-status.js';
import {
  isCallerChosen,
  matchesScope,
  partitionOf,
  resolveScope,
  type BudgetSubject,
  type ResolvedScope,
  type ScopeResolver,
} from './budget-subject.js';
import type { CallEstimate } from './estimate-call.js';
import type { ActualUse, Reservation, ReservedEntry } from './reservation.js';
import { limitToBaseUnits, toBaseUnits } from './units.js';
import { preloadTokenizer, tokenizerLoaded } from '../tokens/index.js';

/** Where API-defined budgets are kept (the store's budget repository satisfies it). */
export interface BudgetDefinitionStore {
  list(): Promise<BudgetDefinition[]>;
  upsert(definition: BudgetDefinition): Promise<unknown>;
  remove(id: string): Promise<boolean>;
  /** Changes whenever any stored definition does (replicas poll it); absent: never refreshed. */
  watermark?(): Promise<string>;
}

export interface BudgetEngineOptions {
  counters: BudgetCounters;
  /** Budgets from podium.yaml. */
  configured: readonly BudgetDefinition[];
  store: BudgetDefinitionStore;
  resolver: ScopeResolver;
  events: BudgetEventSink;
  now: () => Date;
  /** Abortable wait for the `queue` tier action. */
  sleep: (milliseconds: number, signal: AbortSignal) => Promise<void>;
  /** What an API-defined budget refers to that must exist (time zone, models, providers). */
  validate?: (definition: BudgetDefinition) => readonly { path: string; message: string }[];
  /** Failures off the request path (refreshing hot flags while the counter store is down). */
  onError?: (error: unknown) => void;
}

/** What the ledger says a scope spent in a period (see the store's ledger repository). */
export type LedgerUsage = (filter: LedgerScopeFilter) => Promise<{ usd: number; tokens: number; requests: number }>;

/** A budget scope as the ledger can filter it: the ledger repository's own filter, not a restated copy. */
export type LedgerScopeFilter = ScopeUsageFilter;

export type Admission =
  { kind: 'admitted'; reservation: Reservation | undefined } | { kind: 'downgrade'; model: string; budgetId: string };

export interface AdmitRequest {
  subject: BudgetSubject;
  estimate: CallEstimate;
  /** Price of the route's first target; undefined when unpriced. */
  price: Price | undefined;
  operationId: string;
  signal: AbortSignal;
}

interface Tracked {
  entry: BudgetEntry;
  resolved: ResolvedScope;
}

const queuePollMs = 500;
const ttlMarginSeconds = 86_400;

export class BudgetEngine implements BudgetAdmin {
  private tracked = new Map<string, Tracked>();
  /** Hot flags by partition (a budget, or one team's share of a user or tag budget). */
  private readonly hot = new Map<string, boolean>();
  private readonly alerted = new Set<string>();
  private watermark: string | undefined;

  private constructor(private readonly options: BudgetEngineOptions) {}

  /** Loads configured and API budgets and resolves their scopes. */
  static async create(options: BudgetEngineOptions): Promise<BudgetEngine> {
    const engine = new BudgetEngine(options);
    await engine.reload();
    return engine;
  }

  /** Re-reads API budgets, re-resolves scopes and recomputes which budgets run hot. */
  async reload(): Promise<void> {
    // Read before the list: a change made between the two is seen again by the next refresh, never missed.
    const watermark = await this.options.store.watermark?.();
    const entries = new Map<string, BudgetEntry>();
    for (const definition of this.options.configured) entries.set(definition.id, { definition, source: 'config' });
    for (const definition of await this.options.store.list()) entries.set(definition.id, { definition, source: 'api' });
    const tracked = new Map<string, Tracked>();
    for (const [id, entry] of entries)
      tracked.set(id, { entry, resolved: await resolveScope(entry.definition, this.options.resolver) });
    this.tracked = tracked;
    this.watermark = watermark;
    // Start and reload must not depend on the counter store being up: the fail policy governs calls,
    // and hot flags are refreshed on the next settlement or status read.
    await this.status().catch((error: unknown) => this.options.onError?.(error));
    this.warmTokenizer();
  }

  /** Budgets estimate every call they cover: load the tokenizer ahead of the first one (once, off this turn). */
  private warmTokenizer(): void {
    if (this.tracked.size === 0 || tokenizerLoaded()) return;
    setImmediate(() => {
      try {
        preloadTokenizer();
      } catch (error) {
        this.options.onError?.(error);
      }
    });
  }

  /**
   * Reloads when another replica added, replaced or removed an API budget (or granted a request, which
   * replaces one): one watermark read when nothing changed. Returns whether it reloaded.
   */
  async refreshIfChanged(): Promise<boolean> {
    const watermark = await this.options.store.watermark?.();
    if (watermark === undefined || watermark === this.watermark) return false;
    await this.reload();
    return true;
  }

  /**
   * The current period's counters as the ledger has them: what the counters are seeded with when they
   * start empty (in process, or a Redis that lost its data), so spend survives restarts, less the ledger's
   * own crash window. The ledger filters on what live counting counts (`charged`).
   */
  async ledgerValues(usage: LedgerUsage): Promise<Map<string, number>> {
    const now = this.options.now();
    const values = new Map<string, number>();
    const teamIds = await this.options.resolver.teamIds();
    for (const tracked of this.tracked.values()) {
      const { definition } = tracked.entry;
      // Resolved again: a team or key created since the budget was loaded is matched by name, and spent.
      const resolved = await resolveScope(definition, this.options.resolver);
      if (resolved.value === undefined) continue;
      const window = periodWindow({ period: definition.period, timeZone: definition.timezone, now });
      for (const [partition, teamId] of this.partitions({ ...tracked, resolved }, teamIds)) {
        const used = await usage({
          kind: definition.scope.kind,
          value: resolved.value,
          since: window.start.toISOString(),
          until: window.end?.toISOString() ?? null,
          teamId,
        });
        const amount =
          definition.unit === 'usd'
            ? toBaseUnits('usd', used.usd)
            : definition.unit === 'tokens'
              ? used.tokens
              : used.requests;
        values.set(`${partition}:${window.start.toISOString()}`, amount);
      }
    }
    return values;
  }

  /** Seeds the counters with `ledgerValues` (tests, and stores that are known to be empty). */
  async rebuildFromLedger(usage: LedgerUsage): Promise<void> {
    await this.options.counters.seed(await this.ledgerValues(usage));
    await this.status();
  }

  /** A budget's counters, each with the team it is restricted to: one, or one per team for a caller-chosen scope without a team. */
  private partitions(tracked: Tracked, teamIds: readonly string[]): [partition: string, teamId: string | undefined][] {
    const { definition } = tracked.entry;
    if (!isCallerChosen(definition)) return [[definition.id, undefined]];
    if (definition.scope.team !== undefined)
      return tracked.resolved.team === undefined ? [] : [[definition.id, tracked.resolved.team]];
    return teamIds.map((teamId) => [partitionOf(definition, { teamId }), teamId]);
  }

  /** Budgets this call falls under. */
  matching(subject: BudgetSubject): Tracked[] {
    const found: Tracked[] = [];
    for (const tracked of this.tracked.values())
      if (matchesScope(tracked.entry.definition, tracked.resolved, subject)) found.push(tracked);
    return found;
  }

  /**
   * Admission: ration by tier while a budget runs hot, then reserve the call's maximum on every
   * budget it touches, all or nothing. Throws a budget refusal (429) or `unsupported` when a hard
   * USD budget cannot be enforced on an unpriced model.
   */
  async admit(request: AdmitRequest): Promise<Admission> {
    const matching = this.matching(request.subject);
    if (matching.length === 0) return { kind: 'admitted', reservation: undefined };
    for (const tracked of matching) {
      const partition = partitionOf(tracked.entry.definition, request.subject);
      if (this.hot.get(partition) !== true) continue;
      const decision = await this.applyTierAction({ tracked, partition, request });
      if (decision) return decision;
    }
    const now = this.options.now();
    const entries: ReservedEntry[] = [];
    const debits: CounterDebit[] = [];
    for (const tracked of matching) {
      const { definition } = tracked.entry;
      const window = periodWindow({ period: definition.period, timeZone: definition.timezone, now });
      const amount = this.maximumCost(definition, request);
      const partition = partitionOf(definition, request.subject);
      const counterKey = `${partition}:${window.start.toISOString()}`;
      const ttlSeconds =
        window.end === null ? undefined : Math.ceil((window.end.getTime() - now.getTime()) / 1000) + ttlMarginSeconds;
      entries.push({
        definition,
        partition,
        counterKey,
        periodStart: window.start.toISOString(),
        reserved: amount,
        ttlSeconds,
      });
      debits.push({
        key: counterKey,
        amount,
        limit: definition.mode === 'hard' ? limitToBaseUnits(definition.unit, definition.limit) : undefined,
        ttlSeconds,
      });
    }
    const outcome = await this.options.counters.reserve(request.operationId, debits);
    if (!outcome.ok) {
      const refused = entries.find((entry) => entry.counterKey === outcome.key);
      if (!refused) throw new Error(`counter ${outcome.key} refused but is not part of the reservation`);
      const window = periodWindow({ period: refused.definition.period, timeZone: refused.definition.timezone, now });
      throw budgetRefusal(this.statusOf(refused.definition, window, outcome.used), 'exhausted', now);
    }
    return { kind: 'admitted', reservation: { operationId: request.operationId, entries } };
  }

  /** Replaces each reservation by what was actually used; alerts on thresholds crossed. */
  async settle(reservation: Reservation, actual: ActualUse): Promise<void> {
    const deltas = reservation.entries.map((entry) => {
      const { unit } = entry.definition;
      const used =
        unit === 'usd'
          ? actual.usd === null
            ? 0
            : toBaseUnits('usd', actual.usd)
          : unit === 'tokens'
            ? actual.tokens
            : actual.requests;
      return { key: entry.counterKey, amount: used - entry.reserved, ttlSeconds: entry.ttlSeconds };
    });
    await this.options.counters.adjust(`${reservation.operationId}:settle`, deltas);
    await this.afterChange(reservation.entries);
  }

  /** Gives a reservation back in full (the call failed, timed out or was abandoned before usage). */
  async release(reservation: Reservation): Promise<void> {
    await this.options.counters.adjust(
      `${reservation.operationId}:release`,
      reservation.entries.map((entry) => ({
        key: entry.counterKey,
        amount: -entry.reserved,
        ttlSeconds: entry.ttlSeconds,
      })),
    );
  }

  list(): BudgetEntry[] {
    return [...this.tracked.values()].map((tracked) => tracked.entry);
  }

  get(id: string): BudgetEntry | undefined {
    return this.tracked.get(id)?.entry;
  }

  /**
   * Live status of every budget (or one), from the counters; refreshes the hot flags as a side effect. A user
   * or tag budget counted per team shows the team nearest its limit (`partition`).
   */
  async status(id?: string): Promise<BudgetStatus[]> {
    const selected = [...this.tracked.values()].filter(
      (tracked) => id === undefined || tracked.entry.definition.id === id,
    );
    const now = this.options.now();
    const teamIds = selected.some((tracked) => isCallerChosen(tracked.entry.definition))
      ? await this.options.resolver.teamIds()
      : [];
    const plans = selected.map((tracked) => {
      const { definition } = tracked.entry;
      const window = periodWindow({ period: definition.period, timeZone: definition.timezone, now });
      const partitions = this.partitions(tracked, teamIds);
      return {
        tracked,
        window,
        partitions: partitions.length > 0 ? partitions : ([[definition.id, undefined]] as const),
      };
    });
    const keys = plans.flatMap((plan) =>
      plan.partitions.map(([partition]) => `${partition}:${plan.window.start.toISOString()}`),
    );
    const values = await this.options.counters.read(keys);
    let next = 0;
    return plans.map(({ tracked, window, partitions }) => {
      const { definition, source } = tracked.entry;
      let shown: BudgetStatus | undefined;
      for (const [partition, teamId] of partitions) {
        const status = computeStatus({ definition, window, usedBase: values[next++] ?? 0, now, source });
        this.hot.set(partition, status.hot);
        const perTeam = partition !== definition.id && teamId !== undefined;
        if (shown === undefined || status.used > shown.used)
          shown = perTeam ? { ...status, partition: teamId } : status;
      }
      return shown ?? computeStatus({ definition, window, usedBase: 0, now, source });
    });
  }

  /** One partition's status (a tier action waiting on a per-team counter). */
  private async partitionStatus(tracked: Tracked, partition: string): Promise<BudgetStatus> {
    const { definition, source } = tracked.entry;
    const now = this.options.now();
    const window = periodWindow({ period: definition.period, timeZone: definition.timezone, now });
    const [used] = await this.options.counters.read([`${partition}:${window.start.toISOString()}`]);
    const status = computeStatus({ definition, window, usedBase: used ?? 0, now, source });
    this.hot.set(partition, status.hot);
    return status;
  }

  async upsert(definition: BudgetDefinition): Promise<BudgetEntry> {
    const [problem] = this.options.validate?.(definition) ?? [];
    if (problem)
      throw new PodiumError('invalid_request', `${problem.path}: ${problem.message}`, { param: problem.path });
    await this.options.store.upsert(definition);
    const entry: BudgetEntry = { definition, source: 'api' };
    this.tracked.set(definition.id, { entry, resolved: await resolveScope(definition, this.options.resolver) });
    await this.status(definition.id);
    this.warmTokenizer();
    return entry;
  }

  async remove(id: string): Promise<boolean> {
    const removed = await this.options.store.remove(id);
    if (removed) await this.reload();
    return removed;
  }

  private maximumCost(definition: BudgetDefinition, request: AdmitRequest): number {
    const { estimate, price } = request;
    if (definition.unit === 'requests') return 1;
    if (definition.unit === 'tokens') return estimate.inputTokens + estimate.outputTokens;
    if (!price) {
      if (definition.mode === 'hard') {
        throw new PodiumError(
          'unsupported',
          `The model \`${request.subject.model}\` has no price, so hard USD budget "${definition.id}" cannot be enforced on it; price it under pricing: in podium.yaml.`,
          {
            param: 'model',
          },
        );
      }
      return 0;
    }
    // Cache discounts are not known in advance: the full input price bounds the cost.
    return toBaseUnits('usd', (estimate.inputTokens * price.input + estimate.outputTokens * price.output) / 1e6);
  }

  private async applyTierAction(input: {
    tracked: Tracked;
    partition: string;
    request: AdmitRequest;
  }): Promise<Admission | undefined> {
    const { tracked, partition, request } = input;
    const action: TierAction = tracked.entry.definition.whenHot[request.subject.tier] ?? 'continue';
    if (action === 'continue') return undefined;
    const now = this.options.now();
    if (action === 'refuse') throw budgetRefusal(await this.partitionStatus(tracked, partition), 'hot', now);
    if ('downgrade' in action) {
      // Already on the cheaper model: continue (bounded by the hard limit).
      if (request.subject.model === action.downgrade.model) return undefined;
      return { kind: 'downgrade', model: action.downgrade.model, budgetId: tracked.entry.definition.id };
    }
    const deadline = now.getTime() + action.queue.maxWaitMs;
    while (this.options.now().getTime() < deadline) {
      await this.options.sleep(queuePollMs, request.signal);
      if (!(await this.partitionStatus(tracked, partition)).hot) return undefined;
    }
    throw budgetRefusal(await this.partitionStatus(tracked, partition), 'hot', this.options.now());
  }

  private statusOf(definition: BudgetDefinition, window: PeriodWindow, usedBase: number): BudgetStatus {
    const source = this.tracked.get(definition.id)?.entry.source ?? 'config';
    return computeStatus({ definition, window, usedBase, now: this.options.now(), source });
  }

  /** Threshold alerts (once per budget, period and threshold) and hot flags after a settlement. */
  private async afterChange(entries: readonly ReservedEntry[]): Promise<void> {
    const values = await this.options.counters.read(entries.map((entry) => entry.counterKey));
    const now = this.options.now();
    entries.forEach((entry, index) => {
      const { definition } = entry;
      const status = computeStatus({
        definition,
        window: periodWindow({ period: definition.period, timeZone: definition.timezone, now }),
        usedBase: values[index] ?? 0,
        now,
        source: this.tracked.get(definition.id)?.entry.source ?? 'config',
      });
      const wasHot = this.hot.get(entry.partition) === true;
      if (status.hot && !wasHot && status.used < definition.limit) {
        // Once per period (the sink stores each budget, period and kind once): the signal tiers ration on.
        this.options.events.emit({
          budgetId: definition.id,
          kind: 'hot',
          threshold: null,
          used: status.used,
          limit: definition.limit,
          periodStart: entry.periodStart,
          message: `Budget "${definition.id}" is running hot: ${status.used} of ${definition.limit} ${definition.unit} used, ${status.projectedAtPeriodEnd ?? status.used} projected by ${status.resetsAt ?? 'period end'}.`,
        });
      }
      this.hot.set(entry.partition, status.hot);
      for (const threshold of definition.alertThresholds) {
        const once = `${entry.counterKey}:${threshold}`;
        if (status.used < threshold * definition.limit || this.alerted.has(once)) continue;
        this.alerted.add(once);
        this.options.events.emit({
          budgetId: definition.id,
          kind: threshold >= 1 ? 'exhausted' : 'threshold',
          threshold,
          used: status.used,
          limit: definition.limit,
          periodStart: entry.periodStart,
          message: `Budget "${definition.id}" reached ${Math.round(threshold * 100)}% (${status.used} of ${definition.limit} ${definition.unit}) in the period starting ${entry.periodStart}.`,
        });
      }
    });
  }
}
