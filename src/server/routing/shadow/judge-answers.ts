/**
 * The `judge` grader: a judge model scores both answers 1–10 against a fixed rubric. The answers are
 * shown in a random order (judges favour a position) and mapped back. The verdict is parsed strictly:
 * anything but the asked-for JSON leaves the pair ungraded, never scored as a loss.
 */
import { z } from 'zod';
import type { Grade } from './grade-answers.js';
import { parseJson } from './grade-answers.js';

export const judgeRubric = [
  'You grade two answers to the same conversation. Score each answer on its own from 1 to 10:',
  '10 = correct, complete and directly useful; 7 = correct with minor gaps; 4 = partly wrong or missing key parts; 1 = wrong, off-topic or a refusal.',
  'Correctness comes first, then completeness, then clarity. Length and style are not quality.',
  'Reply with only this JSON and nothing else: {"answer_1": <integer 1-10>, "answer_2": <integer 1-10>}',
].join('\n');

const score = z.number().int().min(1).max(10);
const verdictSchema = z.strictObject({ answer_1: score, answer_2: score });

/** The judge's request (OpenAI chat shape; the gateway translates it for any provider). */
export function judgeRequest(input: {
  judge: string;
  conversation: string;
  first: string;
  second: string;
}): Record<string, unknown> {
  const content = `Conversation:\n<<<\n${input.conversation}\n>>>\n\nAnswer 1:\n<<<\n${input.first}\n>>>\n\nAnswer 2:\n<<<\n${input.second}\n>>>`;
  return {
    model: input.judge,
    messages: [
      { role: 'system', content: judgeRubric },
      { role: 'user', content },
    ],
    temperature: 0,
    stream: false,
  };
}

/** Reads a verdict; undefined unless it is exactly the JSON object asked for (a code fence around it allowed). */
export function parseVerdict(text: string): { first: number; second: number } | undefined {
  const parsed = verdictSchema.safeParse(parseJson(text));
  return parsed.success ? { first: parsed.data.answer_1, second: parsed.data.answer_2 } : undefined;
}

/** Asks the judge alias; resolves to the verdict's text, or undefined when the judge call failed. */
export type AskJudge = (body: Record<string, unknown>) => Promise<string | undefined>;

/** Scores the served and the reference answer with the judge. */
export async function judgeAnswers(input: {
  judge: string;
  conversation: string;
  served: string;
  reference: string;
  ask: AskJudge;
  random: () => number;
}): Promise<Grade | 'failed'> {
  const servedFirst = input.random() < 0.5;
  const [first, second] = servedFirst ? [input.served, input.reference] : [input.reference, input.served];
  const text = await input.ask(judgeRequest({ judge: input.judge, conversation: input.conversation, first, second }));
  if (text === undefined) return 'failed';
  const verdict = parseVerdict(text);
  if (!verdict) return { graded: false, reason: `unparsable judge verdict: ${text.slice(0, 80)}` };
  return servedFirst
    ? { graded: true, served: verdict.first, reference: verdict.second }
    : { graded: true, served: verdict.second, reference: verdict.first };
}
