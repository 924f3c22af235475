/**
 * What the admin API, budget requests and the CLI need from the budget engine: the definitions in
 * force, their live status, and changes made through the API. Implemented by the engine.
 */
import type { BudgetDefinition, BudgetEvent, BudgetStatus } from '../../contract/index.js';

export interface BudgetEntry {
  definition: BudgetDefinition;
  /** `config`: from podium.yaml. `api`: created (or overridden) through the admin API. */
  source: 'config' | 'api';
}

export interface BudgetAdmin {
  list(): BudgetEntry[];
  get(id: string): BudgetEntry | undefined;
  /** Status of every budget (or one), in its current period. */
  status(id?: string): Promise<BudgetStatus[]>;
  /** Creates or replaces an API budget; an id that exists in podium.yaml is overridden (the file stays as is). */
  upsert(definition: BudgetDefinition): Promise<BudgetEntry>;
  /** Removes an API budget or override; false when there was none. */
  remove(id: string): Promise<boolean>;
}

/** Where budget events go (store, webhooks, console): fire and forget from the engine's point of view. */
export interface BudgetEventSink {
  /** Records and delivers an event; the same (budget, period, kind, threshold) is delivered once across replicas. */
  emit(event: Omit<BudgetEvent, 'id' | 'at'>): void;
}
