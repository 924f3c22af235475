/**
 * What Podium's own tools need from the capabilities they expose: the narrow slices the admin and decisions
 * routes use, so main.ts passes the real services and nothing here reaches past them.
 */
import type { PriorityTier } from '../../../contract/index.js';
import type { ApprovalService } from '../../governance/approvals/index.js';
import type { DecisionRegistry, DecisionService } from '../../governance/decisions/index.js';
import type { BudgetAdmin, BudgetRequestService } from '../../budgets/index.js';
import type { ToolCaller } from '../tool-upstream.js';

export interface PodiumToolsServices {
  approvals: Pick<ApprovalService, 'request' | 'get'>;
  decisions: Pick<DecisionService, 'propose'>;
  registry: Pick<DecisionRegistry, 'list' | 'get'>;
  budgets: Pick<BudgetAdmin, 'status'>;
  /** Filing goes through `file`, so the `budget.request` policy main.ts wires into the service applies as it does to the API. */
  budgetRequests: Pick<BudgetRequestService, 'file'>;
}

export interface PodiumToolsOptions extends PodiumToolsServices {
  /** podium.yaml `roles:` (humans and `agent:` members): `request_approval` may name `role:<name>`; only humans approve. */
  roles?: Readonly<Record<string, readonly string[]>> | undefined;
  /** Who approves a `request_approval` that names no approvers. Absent or empty: the caller must name them. */
  defaultApprovers?: readonly string[] | undefined;
  /** The caller's key's priority tier, for Cedar `decision.make`; default `standard`. */
  tierOf?: ((caller: ToolCaller) => PriorityTier) | undefined;
  /** How often `wait_for_approval` re-reads the approval; default 1 s. */
  pollMs?: number | undefined;
  /** Injected so tests drive time; must resolve early when the signal aborts. */
  sleep?: ((ms: number, signal: AbortSignal) => Promise<void>) | undefined;
  now?: (() => Date) | undefined;
}
