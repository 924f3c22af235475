/**
 * The verification step of a cascade: given a cheaper tier's answer, decide whether to keep it.
 * Every extra model call here is an internal call through the pipeline (priced, budgeted, recorded).
 */
import type { ChatResult, Surface } from '../../../contract/index.js';
import type { CascadeVerifyConfig } from '../../config/index.js';
import { answerText } from '../../gateway/index.js';
import { sameAnswer } from './same-answer.js';

/** Asks one alias for a whole answer: undefined when that call failed. */
export type AskModel = (request: { alias: string; body: Record<string, unknown> }) => Promise<ChatResult | undefined>;

/**
 * Checks an answer against the JSON format the request asks for, read as its surface carries it;
 * returns the problems (empty when valid). `onlyIfRequested`: a request that asks for none passes.
 */
export type SchemaCheck = (input: {
  surface: Surface;
  body: Readonly<Record<string, unknown>>;
  answer: string;
  onlyIfRequested?: boolean;
}) => string[];

export interface CascadeVerdictInput {
  verify: CascadeVerifyConfig;
  /** The tier's alias and its answer. */
  tier: string;
  answer: ChatResult;
  /** The next cheaper-than-reference tier, for `agreement`. */
  nextTier: string | undefined;
  /** The client's body as a non-streamed request (model field replaced per call). */
  body: Record<string, unknown>;
  question: string;
  ask: AskModel;
  checkSchema: SchemaCheck;
  /** The client's surface: where the request's JSON format is read from. */
  surface: Surface;
}

export interface CascadeVerdict {
  accept: boolean;
  /** For the record: what was checked and what it found. */
  detail: string;
}

export async function cascadeVerdict(input: CascadeVerdictInput): Promise<CascadeVerdict> {
  const text = answerText(input.answer);
  switch (input.verify.method) {
    case 'schema': {
      const problems = input.checkSchema({ surface: input.surface, body: input.body, answer: text });
      return {
        accept: problems.length === 0,
        detail: problems.length === 0 ? 'schema valid' : `schema: ${problems.slice(0, 3).join('; ')}`,
      };
    }
    case 'agreement': {
      if (input.nextTier === undefined) return { accept: false, detail: 'agreement: no second cheap tier' };
      const second = await input.ask({ alias: input.nextTier, body: input.body });
      if (!second) return { accept: false, detail: `agreement: ${input.nextTier} failed` };
      const agree = sameAnswer(text, answerText(second));
      return { accept: agree, detail: `agreement with ${input.nextTier}: ${agree ? 'yes' : 'no'}` };
    }
    case 'self-consistency': {
      // Identical sampling settings would agree by construction: draw the extra samples warm.
      const warm = {
        ...input.body,
        temperature: Math.max(0.7, typeof input.body.temperature === 'number' ? input.body.temperature : 0),
      };
      const samples = await Promise.all(
        Array.from({ length: input.verify.samples - 1 }, () => input.ask({ alias: input.tier, body: warm })),
      );
      const agreeing = samples.filter((sample) => sample !== undefined && sameAnswer(text, answerText(sample))).length;
      return {
        accept: agreeing === samples.length,
        detail: `self-consistency: ${agreeing + 1} of ${samples.length + 1} agree`,
      };
    }
    case 'verifier': {
      const verifier = input.verify.verifier ?? '';
      const verdict = await input.ask({ alias: verifier, body: verifierRequest(input.body, input.question, text) });
      const reply = verdict ? answerText(verdict).trim().toUpperCase() : '';
      const accept = reply.startsWith('YES');
      return { accept, detail: `verifier ${verifier}: ${reply === '' ? 'no verdict' : reply.slice(0, 8)}` };
    }
  }
}

/** A verifier request in the client's own body shape (chat messages work for both surfaces). */
function verifierRequest(body: Record<string, unknown>, question: string, answer: string): Record<string, unknown> {
  const prompt = [
    'You check answers. Reply with exactly YES if the proposed answer is correct and complete for the question, otherwise NO.',
    `Question:\n${question}`,
    `Proposed answer:\n${answer}`,
  ].join('\n\n');
  const request: Record<string, unknown> = { messages: [{ role: 'user', content: prompt }], max_tokens: 4 };
  if (body.max_tokens === undefined && body.max_completion_tokens !== undefined) {
    request.max_completion_tokens = 4;
    delete request.max_tokens;
  }
  return request;
}
