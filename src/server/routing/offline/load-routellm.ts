import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { z } from 'zod';
import type { LoadedTable } from './load-outcome-folder.js';
import { parseCsvWithHeader } from './parse-csv.js';
import { parseScore } from './parse-score.js';
import type { RoutingPrompt, RoutingTable } from './routing-table.js';

/** RouteLLM's strong model: the reference, whose calls are the cost axis of APGR and CPT. */
export const routellmStrongModel = 'gpt-4-1106-preview';

const contaminatedLine = z.object({ eval_prompt: z.string() }).loose();
const questionLine = z.object({
  question_id: z.number(),
  category: z.string().optional(),
  turns: z.array(z.string()).min(1),
});
const judgementLine = z
  .object({ question_id: z.number(), model: z.string(), score: z.number(), turn: z.number().optional() })
  .loose();

interface Scored {
  prompt: RoutingPrompt;
  scores: Map<string, number>;
}

const lines = (text: string): unknown[] =>
  text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as unknown);

async function contaminated(folder: string): Promise<Set<string>> {
  const path = join(folder, 'contaminated_prompts.jsonl');
  if (!existsSync(path)) return new Set();
  return new Set(lines(await readFile(path, 'utf8')).map((line) => contaminatedLine.parse(line).eval_prompt.trim()));
}

/**
 * Rows of a RouteLLM-style CSV: a `prompt` column, then one score column per model (True/False, or
 * any score {@link parseScore} reads; empty = no result). Other columns, such as `<model>_response`,
 * are ignored. `file` names the source in errors.
 */
export function parseOutcomeCsv(input: {
  text: string;
  idPrefix: string;
  file: string;
  category?: string | undefined;
}): Scored[] {
  const { header, rows, lines } = parseCsvWithHeader(input.text);
  const promptColumn = header.indexOf('prompt');
  if (promptColumn < 0) {
    throw new Error(
      `${input.file}: no "prompt" column (columns: ${header.join(', ')}); a wide CSV has a prompt column and one score column per model, a long one has model and score (or correct) columns`,
    );
  }
  const modelColumns = header.flatMap((name, column) =>
    column !== promptColumn && !name.endsWith('_response') ? [{ name, column }] : [],
  );
  return rows.map((row, index) => {
    const text = row[promptColumn] ?? '';
    const line = lines[index] ?? 0;
    const scores = new Map(
      modelColumns.flatMap(({ name, column }) => {
        const score = parseScore(row[column], { file: input.file, line, column: name });
        return score === undefined ? [] : [[name, score] as const];
      }),
    );
    return {
      prompt: {
        id: `${input.idPrefix}#${index}`,
        text,
        category: input.category,
        inputTokens: Math.ceil(text.length / 4),
      },
      scores,
    };
  });
}

async function loadMmlu(folder: string): Promise<Scored[]> {
  const directory = join(folder, 'responses');
  const files = (await readdir(directory)).filter((name) => name.endsWith('.csv')).sort();
  const parts = await Promise.all(
    files.map(async (name) => {
      const subject = basename(name, '.csv').replace(/^mmlu_/, '');
      const file = join(directory, name);
      return parseOutcomeCsv({ text: await readFile(file, 'utf8'), idPrefix: subject, file, category: subject });
    }),
  );
  return parts.flat();
}

/**
 * MT-Bench as RouteLLM scores it: each question's score for a model is the mean GPT-4 judge score
 * (1–10) over its two turns, and the router decides once per question from the first turn's text.
 */
async function loadMtBench(folder: string): Promise<Scored[]> {
  const questions = lines(await readFile(join(folder, 'question.jsonl'), 'utf8')).map((line) =>
    questionLine.parse(line),
  );
  const sums = new Map<string, { total: number; count: number }>();
  for (const line of lines(await readFile(join(folder, 'judgements.jsonl'), 'utf8'))) {
    const judgement = judgementLine.parse(line);
    const key = `${judgement.question_id}|${judgement.model}`;
    const sum = sums.get(key) ?? { total: 0, count: 0 };
    sums.set(key, { total: sum.total + judgement.score, count: sum.count + 1 });
  }
  const models = [...new Set([...sums.keys()].map((key) => key.slice(key.indexOf('|') + 1)))];
  return questions.map((question) => {
    const text = question.turns[0] ?? '';
    const scores = new Map(
      models.flatMap((model) => {
        const sum = sums.get(`${question.question_id}|${model}`);
        return sum === undefined ? [] : [[model, sum.total / sum.count] as const];
      }),
    );
    return {
      prompt: {
        id: String(question.question_id),
        text,
        category: question.category,
        inputTokens: Math.ceil(text.length / 4),
      },
      scores,
    };
  });
}

/**
 * Loads one of RouteLLM's evaluation folders (`mmlu/` with `responses/*.csv`, `gsm8k/` with
 * `gsm8k_responses.csv`, `mt_bench/` with `question.jsonl` + `judgements.jsonl`) or any single
 * RouteLLM-style CSV. Contaminated prompts (RouteLLM's list of eval prompts that overlap its training
 * data) are dropped, as RouteLLM does. Cost is counted in calls of the strong model.
 */
export async function loadRoutellm(input: { path: string; strongModel?: string | undefined }): Promise<LoadedTable> {
  const { path } = input;
  const strong = input.strongModel ?? routellmStrongModel;
  let scored: Scored[];
  if (path.endsWith('.csv'))
    scored = parseOutcomeCsv({ text: await readFile(path, 'utf8'), idPrefix: basename(path, '.csv'), file: path });
  else if (existsSync(join(path, 'responses'))) scored = await loadMmlu(path);
  else if (existsSync(join(path, 'judgements.jsonl'))) scored = await loadMtBench(path);
  else if (existsSync(join(path, 'gsm8k_responses.csv'))) {
    const file = join(path, 'gsm8k_responses.csv');
    scored = parseOutcomeCsv({ text: await readFile(file, 'utf8'), idPrefix: 'gsm8k', file });
  } else throw new Error(`${path}: not a RouteLLM evaluation folder or CSV`);
  const excluded = path.endsWith('.csv') ? new Set<string>() : await contaminated(path);
  const kept = scored.filter((row) => !excluded.has(row.prompt.text.trim()));
  const models = [...new Set(kept.flatMap((row) => [...row.scores.keys()]))];
  if (!models.includes(strong)) {
    const hint =
      input.strongModel === undefined
        ? ` (RouteLLM's strong model, the default reference; name yours with --reference)`
        : '';
    throw new Error(`${path}: no results for the reference model "${strong}"${hint}; models: ${models.join(', ')}`);
  }
  const complete = kept.filter((row) => models.every((model) => row.scores.has(model)));
  const table: RoutingTable = {
    name: path.endsWith('.csv') ? basename(path, '.csv') : basename(path),
    models,
    prompts: complete.map((row) => row.prompt),
    score: models.map((model) => Float64Array.from(complete, (row) => row.scores.get(model) ?? 0)),
    cost: models.map((model) => Float64Array.from(complete, () => (model === strong ? 1 : 0))),
    costUnit: 'reference-calls',
  };
  // A single CSV has no contamination list, so there is nothing to report.
  const warnings = path.endsWith('.csv') ? [] : [`${scored.length - kept.length} contaminated prompts dropped`];
  if (complete.length < kept.length)
    warnings.push(`${kept.length - complete.length} prompts dropped: a model's result missing`);
  return { table, warnings };
}
