/** Settlement and completion stages for admission holds (budget reservations and the like). */
import type { CompletionStage, SettlementStage } from '../gateway.js';
import type { GatewayCall } from '../gateway-call.js';

/**
 * The one definition of what budgets count: a call that reached settlement with usage. Budget holds charge
 * such a call and give every other reservation back (refused, failed, aborted before usage); the ledger
 * records the same answer (`charged`), which is what rebuilding counters from the ledger filters on.
 */
export function chargesBudgets(call: Pick<GatewayCall, 'usage'>): boolean {
  return call.usage !== undefined;
}

/** Once usage is known: every hold charges what was actually used. */
export const settleHolds: SettlementStage = (call) => {
  if (chargesBudgets(call)) call.charged = true;
  for (const hold of call.holds) hold.settle(call);
};

/** When the call is over, whatever happened: every hold gives back what was not settled. */
export const finishHolds: CompletionStage = (call) => {
  for (const hold of call.holds) hold.finish(call);
};
