/**
 * The budget stage of the pipeline: after the route is known, reserve the call's maximum cost on
 * every budget it touches (or degrade it, or refuse it); settle to the actual cost once usage is
 * known; give the reservation back if the call ends without usage.
 */
import { chargesBudgets, type AdmissionStage, type CallHold, type GatewayCall, type ModelCatalog } from '../gateway/index.js';
import type { BudgetEngine } from './budget-engine.js';
import type { BudgetSubject } from './budget-subject.js';
import { estimateCall } from './estimate-call.js';
import type { Reservation } from './reservation.js';

export interface ReserveBudgetOptions {
  engine: BudgetEngine;
  catalog: ModelCatalog;
  defaultMaxOutputTokens: number;
  onError: (error: unknown) => void;
}

function subjectOf(call: GatewayCall, model: string): BudgetSubject | undefined {
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
    provider: call.route?.targets[0]?.provider.name,
  };
}

function holdFor(reservation: Reservation, options: ReserveBudgetOptions): CallHold {
  let done = false;
  return {
    settle(call) {
      if (done || !chargesBudgets(call) || !call.usage) return;
      done = true;
      const actual = { usd: call.costUsd ?? null, tokens: call.usage.inputTokens + call.usage.outputTokens, requests: 1 };
      options.engine.settle(reservation, actual).catch(options.onError);
    },
    finish() {
      if (done) return;
      done = true;
      options.engine.release(reservation).catch(options.onError);
    },
  };
}

export function reserveBudget(options: ReserveBudgetOptions): AdmissionStage {
  return async (call) => {
    const requested = call.requestedModel;
    if (requested === undefined) return;
    let subject = subjectOf(call, requested);
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
        if (admission.reservation) call.holds.push(holdFor(admission.reservation, options));
        return;
      }
      call.route = options.catalog.resolve(admission.model);
      call.warnings.push(`budget "${admission.budgetId}" is running hot: downgraded from ${requested} to ${admission.model}`);
      subject = subjectOf(call, admission.model);
    }
  };
}
