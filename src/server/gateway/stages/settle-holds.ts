/** Settlement and completion stages for admission holds (budget reservations and the like), for every kind of call. */
import type { CallBase } from '../call.js';

/**
 * The one definition of what budgets count: a call that reached settlement with a charge (a model call:
 * with usage). Budget holds charge such a call and give every other reservation back (refused, failed,
 * aborted before usage); the ledger records the same answer (`charged`), which is what rebuilding
 * counters from the ledger filters on.
 */
export function chargesBudgets(call: Pick<CallBase, 'charge'>): boolean {
  return call.charge !== undefined;
}

/** Once usage is known: every hold charges what was actually used. */
export const settleHolds = (call: CallBase): void => {
  if (chargesBudgets(call)) call.charged = true;
  for (const hold of call.holds) hold.settle(call);
};

/** When the call is over, whatever happened: every hold gives back what was not settled. */
export const finishHolds = (call: CallBase): void => {
  for (const hold of call.holds) hold.finish(call);
};
