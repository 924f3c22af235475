/**
 * One shadow, start to end: the client's request sent again to the route's reference (an internal call
 * through the whole pipeline, tagged `podium.internal=shadow`, so a tag-scoped budget caps it), both
 * answers graded, one result stored.
 */
import { randomUUID } from 'node:crypto';
import type { ShadowConfig } from '../../config/index.js';
import {
  answerText,
  readAnswer,
  runInternalCall,
  type CapturedResponse,
  type Codecs,
  type Gateway,
  type GatewayCall,
  type RoutingDecision,
} from '../../gateway/index.js';
import type { ShadowResult } from './shadow-result-repository.js';
import { gradeByRule, gradingText, type Grade } from './grade-answers.js';
import { judgeAnswers } from './judge-answers.js';
import { conversationText, shadowRequest } from './shadow-request.js';

/** A sampled call whose response reached the client complete. */
export interface ShadowSample {
  call: GatewayCall;
  /** The decision as it stood when the client's response ended (a cascade may have changed its choice). */
  routing: RoutingDecision;
  shadow: ShadowConfig;
  /** What the client received. */
  captured: CapturedResponse;
  /** The client call's cost, a cascade's tiers included; null when unpriced. */
  servedCostUsd: number | null;
}

export interface ShadowContext {
  gateway: () => Gateway;
  codecs: Codecs;
  results: { insert(result: ShadowResult): Promise<void> };
  random: () => number;
  now: () => Date;
  /** Aborts the shadow's internal calls (shutdown). */
  signal: AbortSignal;
}

export type ShadowOutcome = 'graded' | 'ungraded' | 'failed';

/** Runs the shadow and stores its result; `failed` when either answer cannot be read or the judge call failed. */
export async function runShadow(sample: ShadowSample, context: ShadowContext): Promise<ShadowOutcome> {
  const { call, routing } = sample;
  const protocol = context.codecs.upstreams.get(
    call.surface === 'anthropic-messages' ? 'anthropic-messages' : 'openai-chat',
  );
  const served = protocol && readAnswer(sample.captured, protocol);
  if (!protocol || !served) return 'failed';
  const reference = await runInternalCall(context.gateway(), {
    parent: call,
    kind: 'shadow',
    body: shadowRequest(call.body, routing.reference),
    signal: context.signal,
  });
  const answer = readAnswer(reference.response, protocol);
  if (!answer) return 'failed';
  const grade = await gradePair({ sample, context, served: gradingText(served), reference: gradingText(answer) });
  if (grade === 'failed') return 'failed';
  await context.results.insert({
    id: `shadow_${randomUUID().replaceAll('-', '')}`,
    at: context.now().toISOString(),
    alias: routing.alias,
    policy: routing.policy,
    choice: routing.choice,
    reference: routing.reference,
    grader: sample.shadow.grader,
    servedScore: grade.graded ? grade.served : null,
    referenceScore: grade.graded ? grade.reference : null,
    servedCostUsd: sample.servedCostUsd,
    referenceCostUsd: reference.call.costUsd ?? null,
    servedModel: call.target?.model ?? (served.model || null),
    referenceModel: reference.call.target?.model ?? (answer.model || null),
    requestId: call.id,
    teamId: call.caller?.teamId ?? null,
  });
  return grade.graded ? 'graded' : 'ungraded';
}

async function gradePair(input: {
  sample: ShadowSample;
  context: ShadowContext;
  served: string;
  reference: string;
}): Promise<Grade | 'failed'> {
  const { sample, context } = input;
  const { grader, judge } = sample.shadow;
  if (grader !== 'judge') return gradeByRule({ grader, served: input.served, reference: input.reference });
  // Config validation requires a judge for grader judge; a missing one is no verdict, not a loss.
  if (judge === undefined) return { graded: false, reason: 'no judge alias configured' };
  const openaiChat = context.codecs.upstreams.get('openai-chat');
  return judgeAnswers({
    judge,
    conversation: conversationText(sample.call.body),
    served: input.served,
    reference: input.reference,
    random: context.random,
    // The judge speaks OpenAI chat whatever the client spoke: one prompt shape, translated for any provider.
    ask: async (body) => {
      const verdict = await runInternalCall(context.gateway(), {
        parent: sample.call,
        kind: 'shadow',
        surface: 'openai-chat',
        body,
        signal: context.signal,
      });
      const result = openaiChat && readAnswer(verdict.response, openaiChat);
      return result ? answerText(result) : undefined;
    },
  });
}
