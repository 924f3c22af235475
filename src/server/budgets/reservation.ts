/** What one call holds on its budgets between admission and settlement. */
import type { BudgetDefinition } from '../../contract/index.js';

export interface ReservedEntry {
  definition: BudgetDefinition;
  /** The budget id, or `<id>@<team id>` for a user or tag budget counted per team (see `partitionOf`). */
  partition: string;
  counterKey: string;
  periodStart: string;
  /** Base units held. */
  reserved: number;
  ttlSeconds: number | undefined;
}

export interface Reservation {
  operationId: string;
  entries: readonly ReservedEntry[];
}

/** What was actually used, in each unit: USD null when the model has no price. */
export interface ActualUse {
  usd: number | null;
  tokens: number;
  requests: number;
}
