/**
 * The budget stage of the pipeline: after the route is known, reserve the call's maximum cost on
 * every budget it touches (or degrade it, or refuse it); settle to the actual cost once usage is
 * known; give the reservation back if the call ends without usage. The hold and the generic stage
 * (`reserveCallBudget`) work for every kind of call; `reserveBudget` is the model call's.
 */
import { PodiumError } from '../../contract/index.js';
import type { Price } from '../config/index.js';
import {
  chargesBudgets,
  type AdmissionStage,
  type CallBase,
  type CallHold,
  type GatewayCall,
  type ModelCatalog,
} from '../gateway/index.js';
import type { BudgetEngine } from './budget-engine.js';
import type { BudgetSubject } from './budget-subject.js';
import { estimateCall, type CallEstimate } from './estimate-call.js';
import type { Reservation } from './reservation.js';

export interface ReserveBudgetOptions {
  engine: BudgetEngine;
  catalog: ModelCatalog;
  defaultMaxOutputTokens: number;
  onError: (error: unknown) => void;
}

/** Who is charged for a call, with `model` naming what it uses (a model alias; for another kind, its resource). */
export function budgetSubjectOf(call: CallBase, model: string, provider?: string): BudgetSubject | undefined {
  const caller = call.caller;
  if (!caller) return undefined;
  return {
    orgId: caller.orgId,
    teamId: caller.teamId,
    teamName: caller.teamName,
    projectId: caller.projectId,
    projectName: caller.projectName,
    keyId: caller.keyId,
    keyPrefix: caller.keyPrefix,
    tier: caller.tier,
    endUser: call.endUser,
    tags: call.tags,
    model,
    provider,
  };
}

/** The hold a reservation leaves on a call of any kind: settled with `call.charge`, else released. */
export function budgetHold(
  reservation: Reservation,
  options: Pick<ReserveBudgetOptions, 'engine' | 'onError'>,
): CallHold {
  let done = false;
  return {
    settle(call) {
      const charge = call.charge;
      if (done || !chargesBudgets(call) || !charge) return;
      done = true;
      options.engine.settle(reservation, charge).catch(options.onError);
    },
    finish() {
      if (done) return;
      done = true;
      options.engine.release(reservation).catch(options.onError);
    },
  };
}

export interface ReserveCallBudgetOptions<C extends CallBase> {
  engine: BudgetEngine;
  /** Who pays and for what; undefined skips the reservation (no caller yet). */
  subject: (call: C) => BudgetSubject | undefined;
  /** The most the call can use (a tool call: no tokens, one request). */
  estimate: (call: C) => CallEstimate;
  price?: (call: C) => Price | undefined;
  onError: (error: unknown) => void;
}

/**
 * The budget stage for any kind of call without a cheaper alternative: admitted or refused. A budget
 * whose tier action is a downgrade refuses such a call, as there is nothing cheaper to route it to.
 */
export function reserveCallBudget<C extends CallBase>(options: ReserveCallBudgetOptions<C>): AdmissionStage<C> {
  return async (call) => {
    const subject = options.subject(call);
    if (!subject || options.engine.matching(subject).length === 0) return;
    const admission = await options.engine.admit({
      subject,
      estimate: options.estimate(call),
      price: options.price?.(call),
      operationId: call.id,
      signal: call.signal ?? new AbortController().signal,
    });
    if (admission.kind === 'downgrade') {
      throw new PodiumError(
        'budget_exceeded',
        `budget "${admission.budgetId}" is running hot and this call has no cheaper alternative`,
      );
    }
    if (admission.reservation) call.holds.push(budgetHold(admission.reservation, options));
  };
}

/** The model call's budget stage: a downgrade re-routes to the cheaper model the budget names. */
export function reserveBudget(options: ReserveBudgetOptions): AdmissionStage {
  return async (call: GatewayCall) => {
    const requested = call.requestedModel;
    if (requested === undefined) return;
    let subject = budgetSubjectOf(call, requested, call.route?.targets[0]?.provider.name);
    // Two rounds at most: a downgrade re-routes once, and the cheaper model is then admitted or refused.
    for (let round = 0; subject && round < 2; round += 1) {
      if (options.engine.matching(subject).length === 0) return;
      const target = call.route?.targets[0];
      const estimate = estimateCall({
        body: call.body,
        defaultMaxOutputTokens: options.defaultMaxOutputTokens,
        openAITokenizer: target?.provider.chatProtocol === 'openai-chat',
      });
      const admission = await options.engine.admit({
        subject,
        estimate,
        price: target?.price,
        operationId: call.id,
        signal: call.signal ?? new AbortController().signal,
      });
      if (admission.kind === 'admitted') {
        if (admission.reservation) call.holds.push(budgetHold(admission.reservation, options));
        return;
      }
      call.route = options.catalog.resolve(admission.model);
      call.warnings.push(
        `budget "${admission.budgetId}" is running hot: downgraded from ${requested} to ${admission.model}`,
      );
      subject = budgetSubjectOf(call, admission.model, call.route?.targets[0]?.provider.name);
    }
  };
}
