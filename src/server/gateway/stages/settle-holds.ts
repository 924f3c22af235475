/** Settlement and completion stages for admission holds (budget reservations and the like). */
import type { CompletionStage, SettlementStage } from '../gateway.js';

/** Once usage is known: every hold charges what was actually used. */
export const settleHolds: SettlementStage = (call) => {
  for (const hold of call.holds) hold.settle(call);
};

/** When the call is over, whatever happened: every hold gives back what was not settled. */
export const finishHolds: CompletionStage = (call) => {
  for (const hold of call.holds) hold.finish(call);
};
