/**
 * Stage: a routed alias becomes one of its candidates. Runs after the alias is resolved and before
 * the budget is reserved, so the reservation is priced on the model that will actually serve (a
 * cascade reserves its reference: the most it can cost).
 */
import type { AdmissionStage, ModelCatalog } from '../../gateway/index.js';
import type { Metrics } from '../../telemetry/index.js';
import { requestPrompt } from './request-prompt.js';
import type { RoutedModel } from './routed-model.js';
import type { RouteChoice } from './routing-policy.js';

export const routingDecisionsMetric = 'podium_routing_decisions_total';

export interface RouteRoutedModelOptions {
  routed: ReadonlyMap<string, RoutedModel>;
  catalog: ModelCatalog;
  metrics: Metrics;
}

export function routeRoutedModel(options: RouteRoutedModelOptions): AdmissionStage {
  const { routed, catalog, metrics } = options;
  metrics.define(
    routingDecisionsMetric,
    'counter',
    'Calls to routed aliases by the candidate chosen up front (cascades count where they start).',
  );
  return (call) => {
    const model = call.requestedModel === undefined ? undefined : routed.get(call.requestedModel);
    if (!model) return;
    if (model.policy === 'cascade') {
      const first = model.candidates.find((candidate) => candidate !== model.reference) ?? model.reference;
      call.routing = {
        alias: model.alias,
        policy: 'cascade',
        choice: first,
        reason: 'cascade: not run yet',
        reference: model.reference,
      };
      call.route = catalog.resolve(model.reference);
      metrics.increment(routingDecisionsMetric, { alias: model.alias, choice: first });
      return;
    }
    const apply = (decision: RouteChoice): void => {
      call.routing = {
        alias: model.alias,
        policy: model.policy,
        choice: decision.choice,
        reason: decision.reason,
        reference: model.reference,
      };
      call.route = catalog.resolve(decision.choice);
      metrics.increment(routingDecisionsMetric, { alias: model.alias, choice: decision.choice });
    };
    const decision = model.decide?.(requestPrompt(call.body), call) ?? {
      choice: model.reference,
      reason: 'no policy: reference',
    };
    // Only a learned router with embedding features answers with a promise; the others stay synchronous.
    if (decision instanceof Promise) return decision.then(apply);
    apply(decision);
    return undefined;
  };
}
