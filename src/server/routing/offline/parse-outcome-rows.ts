import { z } from 'zod';
import { parseCsvWithHeader } from './parse-csv.js';
import { parseScore } from './parse-score.js';

/** One (prompt, model) outcome of a long-format file, validated, with the line it came from. */
export interface OutcomeRow {
  line: number;
  promptId: string;
  /** Empty when the row does not repeat the prompt text (another row of the same prompt gives it). */
  text: string;
  model: string;
  /** `undefined`: no result for this pair (an empty score). */
  score: number | undefined;
  inputTokens: number | undefined;
  outputTokens: number | undefined;
  costUsd: number | undefined;
  category: string | undefined;
  answer: string | undefined;
}

const idValue = z.union([z.string().trim().min(1), z.number()]).transform(String);
// CSV cells are strings; a JSONL field may be a number already. A non-numeric string stays a string so the error can show it.
const count = z
  .preprocess(
    (value) =>
      typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : value,
    z.number({ error: (issue) => `${JSON.stringify(issue.input)} is not a number` }).nonnegative(),
  )
  .nullish();
const scoreValue = z.unknown().transform((value, context) => {
  try {
    return parseScore(value);
  } catch (error) {
    context.addIssue({ code: 'custom', message: error instanceof Error ? error.message : String(error) });
    return z.NEVER;
  }
});

/** The fields a row may use; other fields (a response text, a latency, …) are ignored. */
const outcomeRow = z
  .object({
    prompt_id: idValue.nullish(),
    id: idValue.nullish(),
    question_id: idValue.nullish(),
    prompt: z.string().nullish(),
    question: z.string().nullish(),
    text: z.string().nullish(),
    model: z.string({ error: 'needs a model name' }).trim().min(1, 'needs a model name'),
    score: scoreValue.optional(),
    correct: scoreValue.optional(),
    input_tokens: count,
    prompt_tokens: count,
    output_tokens: count,
    completion_tokens: count,
    cost_usd: count,
    category: z.string().nullish(),
    answer: z.union([z.string(), z.number(), z.boolean()]).transform(String).nullish(),
  })
  .refine((row) => [row.prompt_id, row.id, row.question_id].some((value) => value !== undefined && value !== null), {
    message: 'needs a prompt id (prompt_id, id or question_id)',
    path: ['prompt_id'],
  });

/** The long format's header test: a `model` column and a `score` or `correct` column. */
export function isLongFormatHeader(header: readonly string[]): boolean {
  return header.includes('model') && (header.includes('score') || header.includes('correct'));
}

function records(input: { text: string; file: string; format: 'jsonl' | 'csv' }): { line: number; record: unknown }[] {
  if (input.format === 'csv') {
    const { header, rows, lines } = parseCsvWithHeader(input.text);
    if (!isLongFormatHeader(header))
      throw new Error(
        `${input.file}: a long-format CSV needs a "model" column and a "score" or "correct" column (columns: ${header.join(', ')})`,
      );
    // An empty cell is an absent value (null), so an empty score reads as "no result".
    return rows.map((row, index) => ({
      line: lines[index] ?? 0,
      record: Object.fromEntries(header.map((name, column) => [name, row[column]?.trim() === '' ? null : row[column]])),
    }));
  }
  return input.text.split('\n').flatMap((text, index) => {
    if (text.trim() === '') return [];
    try {
      return [{ line: index + 1, record: JSON.parse(text) as unknown }];
    } catch (error) {
      throw new Error(
        `${input.file}:${index + 1}: not a JSON object (${error instanceof Error ? error.message : String(error)})`,
        { cause: error },
      );
    }
  });
}

const hasScoreField = (record: unknown): boolean =>
  typeof record === 'object' && record !== null && ('score' in record || 'correct' in record);

/**
 * Parses a long-format outcome file — one row per (prompt, model): JSONL objects or a CSV with a
 * header — validating every row. All bad rows are reported together, each as `file:line: field:
 * problem`, so a user fixes a file in one pass; nothing is silently read as a zero.
 */
export function parseOutcomeRows(input: { text: string; file: string; format: 'jsonl' | 'csv' }): OutcomeRow[] {
  const problems: string[] = [];
  const rows: OutcomeRow[] = [];
  for (const { line, record } of records(input)) {
    const parsed = outcomeRow.safeParse(record);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push(`${input.file}:${line}: ${issue.path.join('.') || 'row'}: ${issue.message}`);
      continue;
    }
    if (!hasScoreField(record)) {
      problems.push(`${input.file}:${line}: score: missing (give score or correct; empty or null for no result)`);
      continue;
    }
    const row = parsed.data;
    rows.push({
      line,
      promptId: row.prompt_id ?? row.id ?? row.question_id ?? '',
      text: row.prompt ?? row.question ?? row.text ?? '',
      model: row.model,
      score: row.score ?? row.correct,
      inputTokens: row.input_tokens ?? row.prompt_tokens ?? undefined,
      outputTokens: row.output_tokens ?? row.completion_tokens ?? undefined,
      costUsd: row.cost_usd ?? undefined,
      category: row.category ?? undefined,
      answer: row.answer ?? undefined,
    });
  }
  if (problems.length > 0) {
    const shown = problems.slice(0, 20).join('\n  ');
    const more = problems.length > 20 ? `\n  … and ${problems.length - 20} more` : '';
    throw new Error(
      `${problems.length} bad ${problems.length === 1 ? 'value' : 'values'} in ${input.file}:\n  ${shown}${more}`,
    );
  }
  return rows;
}
