import { z } from 'zod';
import type { RoutingPrompt } from './routing-table.js';

const idValue = z.union([z.string().min(1), z.number()]).transform(String);

/**
 * One questions.jsonl line. Lenient about which of the known field names a dataset uses
 * (MMLU-Pro: question_id + options + category; ZeroEval: task + id + prompt), strict that an id and a
 * text exist.
 */
const questionLine = z
  .object({
    question_id: idValue.optional(),
    task: z.string().optional(),
    id: idValue.optional(),
    question: z.string().optional(),
    prompt: z.string().optional(),
    text: z.string().optional(),
    options: z.array(z.string()).optional(),
    category: z.string().optional(),
    input_tokens: z.number().nonnegative().optional(),
    prompt_tokens_o200k: z.number().nonnegative().optional(),
    zero_shot_prompt_tokens_o200k: z.number().nonnegative().optional(),
  })
  .refine((line) => line.question_id !== undefined || line.id !== undefined, 'needs question_id or id')
  .refine((line) => (line.question ?? line.prompt ?? line.text) !== undefined, 'needs question, prompt or text');

/** The key a questions.jsonl line and a correct.csv row share: `question_id`, or `task/id`, or `id`. */
export function promptKey(parts: {
  questionId?: string | undefined;
  task?: string | undefined;
  id?: string | undefined;
}): string {
  if (parts.questionId !== undefined && parts.questionId !== '') return parts.questionId;
  return parts.task !== undefined && parts.task !== '' ? `${parts.task}/${parts.id ?? ''}` : (parts.id ?? '');
}

/** Parses questions.jsonl into prompts keyed like correct.csv rows. Token counts fall back to chars / 4. */
export function parseQuestions(text: string): RoutingPrompt[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      const parsed = questionLine.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`questions.jsonl line ${index + 1}: ${parsed.error.message}`);
      const row = parsed.data;
      const body = row.question ?? row.prompt ?? row.text ?? '';
      // The options carry signal (numeric vs textual answers) and are part of what the model sees.
      const fullText = row.options === undefined ? body : `${body}\n${row.options.join('\n')}`;
      return {
        id: promptKey({ questionId: row.question_id, task: row.task, id: row.id }),
        text: fullText,
        category: row.category ?? row.task,
        inputTokens:
          row.input_tokens ??
          row.zero_shot_prompt_tokens_o200k ??
          row.prompt_tokens_o200k ??
          Math.ceil(fullText.length / 4),
      };
    });
}
