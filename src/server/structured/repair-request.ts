/**
 * The repair retry's request: the caller's request, the invalid answer as the assistant's turn and a
 * user turn listing what is wrong, path by path. The model sees its own mistake and the exact
 * failures, which fixes far more answers than asking again blindly.
 */
import type { AnswerProblem } from './schema-validator.js';

/** The OpenAI chat body of the repair retry (the request's other fields are kept as they came). */
export function repairRequestBody(input: {
  body: Readonly<Record<string, unknown>>;
  answer: string;
  problems: readonly AnswerProblem[];
}): Record<string, unknown> {
  const messages: readonly unknown[] = Array.isArray(input.body.messages) ? input.body.messages : [];
  const listed = input.problems.map((problem) => `- ${problem.path}: ${problem.message}`).join('\n');
  return {
    ...input.body,
    messages: [
      ...messages,
      { role: 'assistant', content: input.answer },
      {
        role: 'user',
        content: `Your previous answer does not match the required JSON schema:\n${listed}\nReply with the corrected JSON only: no explanation, no code fence.`,
      },
    ],
  };
}

/** One line naming the failures, for errors and warnings. */
export function describeProblems(problems: readonly AnswerProblem[]): string {
  const shown = problems.slice(0, 3).map((problem) => `${problem.path} ${problem.message}`);
  return problems.length > shown.length
    ? `${shown.join('; ')} (and ${problems.length - shown.length} more)`
    : shown.join('; ');
}
