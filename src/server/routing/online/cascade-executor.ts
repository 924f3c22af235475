/**
 * Cascades: the cheapest tier answers first, out of the client's sight; a verification step decides
 * whether that answer is kept or the call escalates to the next tier, and finally to the reference.
 * Only the final answer reaches the client — a kept tier's answer sent whole (or as the stream the
 * client asked for), or the reference streamed live as usual.
 *
 * Each tier (and each verification call) is an internal call through the whole pipeline, so it is
 * priced, budgeted and recorded on its own ledger row (tagged `podium.internal=cascade`, id
 * `<call id>.cascade.…`); the client's own row carries the decision and, on escalation, the
 * reference's usage.
 */
import { emptyUsage } from '../../../contract/index.js';
import {
  answerText,
  deliverAnswer,
  readAnswer,
  runInternalCall,
  type Codecs,
  type Executor,
  type Gateway,
  type GatewayCall,
} from '../../gateway/index.js';
import type { Metrics } from '../../telemetry/index.js';
import { cascadeVerdict, type AskModel, type SchemaCheck } from './cascade-verdict.js';
import { requestPrompt } from './request-prompt.js';
import type { RoutedModel } from './routed-model.js';

export const cascadeOutcomesMetric = 'podium_cascade_outcomes_total';

export interface CascadeExecutorOptions {
  inner: Executor;
  routed: ReadonlyMap<string, RoutedModel>;
  /** Late-bound: tiers run through the gateway this executor is part of. */
  gateway: () => Gateway;
  codecs: Codecs;
  metrics: Metrics;
  checkSchema: SchemaCheck;
}

export function createCascadeExecutor(options: CascadeExecutorOptions): Executor {
  const { inner, routed, codecs, metrics } = options;
  metrics.define(cascadeOutcomesMetric, 'counter', 'Cascade calls by the tier whose answer was kept (or "escalated").');
  return async (call, sink, settle) => {
    const routing = call.routing;
    const model = routing?.policy === 'cascade' && call.internal === undefined ? routed.get(routing.alias) : undefined;
    const surface = codecs.surfaces.get(call.surface);
    const protocol = codecs.upstreams.get(call.surface === 'anthropic-messages' ? 'anthropic-messages' : 'openai-chat');
    if (!routing || !model?.verify || !surface?.translation || !protocol) return inner(call, sink, settle);

    const ask: AskModel = async ({ alias, body }) => {
      const internal = await runInternalCall(options.gateway(), {
        parent: call,
        kind: 'cascade',
        body: { ...body, model: alias },
      });
      return readAnswer(internal.response, protocol);
    };
    const body = wholeRequest(call);
    const question = requestPrompt(call.body).text;
    const tiers = model.candidates.filter((candidate) => candidate !== model.reference);
    const tried: string[] = [];
    for (const [index, tier] of tiers.entries()) {
      if (sink.signal.aborted) break;
      const answer = await ask({ alias: tier, body });
      if (!answer) {
        tried.push(`${tier} failed`);
        continue;
      }
      // Whatever the verification method, an answer that breaks the caller's requested JSON format is never kept:
      // tiers are internal calls that schema enforcement steps aside for, so this is the only check they get.
      const formatProblems =
        model.verify.method === 'schema'
          ? []
          : options.checkSchema({ surface: call.surface, body, answer: answerText(answer), onlyIfRequested: true });
      const verdict =
        formatProblems.length > 0
          ? { accept: false, detail: `schema: ${formatProblems.slice(0, 3).join('; ')}` }
          : await cascadeVerdict({
              verify: model.verify,
              tier,
              answer,
              nextTier: tiers[index + 1],
              body,
              question,
              ask,
              checkSchema: options.checkSchema,
              surface: call.surface,
            });
      if (verdict.accept) {
        keep({ call, tier, detail: verdict.detail });
        metrics.increment(cascadeOutcomesMetric, { alias: routing.alias, outcome: tier });
        // The tiers' own rows carry their cost; the client's row only records the decision.
        call.usage = emptyUsage();
        settle(call);
        deliverAnswer({ call, sink, surface, result: answer });
        return;
      }
      tried.push(`${tier}: ${verdict.detail}`);
    }
    routing.choice = model.reference;
    routing.reason = `cascade: escalated to ${model.reference} (${tried.join('; ') || 'no cheaper tier'})`;
    metrics.increment(cascadeOutcomesMetric, { alias: routing.alias, outcome: 'escalated' });
    return inner(call, sink, settle);
  };
}

function keep(input: { call: GatewayCall; tier: string; detail: string }): void {
  const routing = input.call.routing;
  if (!routing) return;
  routing.choice = input.tier;
  routing.reason = `cascade: kept ${input.tier} (${input.detail})`;
}

/** The client's request as a whole (non-streamed) one: tiers are read in full before anything is sent. */
function wholeRequest(call: GatewayCall): Record<string, unknown> {
  const body: Record<string, unknown> = { ...call.body, stream: false };
  delete body.stream_options;
  return body;
}
