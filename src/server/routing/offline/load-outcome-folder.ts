import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { ModelPrice } from './load-prices.js';
import { parseCsvWithHeader } from './parse-csv.js';
import { parseQuestions, promptKey } from './parse-questions.js';
import type { RoutingPrompt, RoutingTable } from './routing-table.js';

/** Options of {@link loadOutcomeFolder}. */
export interface OutcomeFolderOptions {
  folder: string;
  prices: ReadonlyMap<string, ModelPrice>;
  /** Models with results on fewer prompts than this share are dropped (default 0.95). */
  minCoverage?: number | undefined;
}

/** A loaded table and what the loader dropped, so a caller can show it rather than lose it in a log. */
export interface LoadedTable {
  table: RoutingTable;
  warnings: string[];
}

interface Matrix {
  models: string[];
  byKey: Map<string, string[]>;
}

async function readMatrix(path: string): Promise<Matrix> {
  const { header, rows } = parseCsvWithHeader(await readFile(path, 'utf8'));
  // ZeroEval keys rows by (task, id); MMLU-Pro and user files by question_id or id.
  const keyColumns = header[0] === 'task' && header[1] === 'id' ? 2 : 1;
  const byKey = new Map<string, string[]>();
  for (const row of rows) {
    const key = keyColumns === 2 ? promptKey({ task: row[0], id: row[1] }) : (row[0] ?? '');
    byKey.set(key, row.slice(keyColumns));
  }
  return { models: header.slice(keyColumns), byKey };
}

const cell = (matrix: Matrix | undefined, key: string, column: number): string | undefined => matrix?.byKey.get(key)?.[column];

/**
 * Loads a folder in the shared outcome format: questions.jsonl, correct.csv (1/0/empty per model),
 * and optionally output_tokens.csv and pred.csv. Models without a price or with too little coverage
 * are dropped, then prompts missing a result for a kept model, so every cell of the table is known.
 */
export async function loadOutcomeFolder(options: OutcomeFolderOptions): Promise<LoadedTable> {
  const { folder, prices } = options;
  const warnings: string[] = [];
  const questions = parseQuestions(await readFile(join(folder, 'questions.jsonl'), 'utf8'));
  const correct = await readMatrix(join(folder, 'correct.csv'));
  const optional = (name: string): Promise<Matrix | undefined> => (existsSync(join(folder, name)) ? readMatrix(join(folder, name)) : Promise.resolve(undefined));
  const [tokens, predictions] = await Promise.all([optional('output_tokens.csv'), optional('pred.csv')]);
  if (tokens === undefined) warnings.push('no output_tokens.csv: costs count prompt tokens only');
  const prompts = questions.filter((prompt) => correct.byKey.has(prompt.id));
  const minimum = (options.minCoverage ?? 0.95) * prompts.length;
  const kept = correct.models.flatMap((model, column) => {
    if (!prices.has(model)) {
      warnings.push(`dropped ${model}: no price`);
      return [];
    }
    const covered = prompts.filter((prompt) => (cell(correct, prompt.id, column) ?? '') !== '').length;
    if (covered < minimum) {
      warnings.push(`dropped ${model}: results on ${covered}/${prompts.length} prompts`);
      return [];
    }
    return [{ model, column, price: prices.get(model) ?? { input: 0, output: 0 } }];
  });
  const complete = prompts.filter((prompt) => kept.every(({ column }) => (cell(correct, prompt.id, column) ?? '') !== ''));
  if (complete.length < prompts.length) warnings.push(`dropped ${prompts.length - complete.length} prompts missing a kept model's result`);
  return { table: buildTable({ name: basename(folder), prompts: complete, kept, sources: { correct, tokens, predictions } }), warnings };
}

function buildTable(input: {
  name: string;
  prompts: RoutingPrompt[];
  kept: { model: string; column: number; price: ModelPrice }[];
  sources: { correct: Matrix; tokens: Matrix | undefined; predictions: Matrix | undefined };
}): RoutingTable {
  const { prompts, kept, sources } = input;
  const column = (read: (prompt: RoutingPrompt, row: number) => number): Float64Array => Float64Array.from(prompts, read);
  const outputTokens = kept.map(({ model }) => {
    const tokenColumn = sources.tokens?.models.indexOf(model) ?? -1;
    return column((prompt) => Number(cell(sources.tokens, prompt.id, tokenColumn) ?? '0') || 0);
  });
  return {
    name: input.name,
    models: kept.map(({ model }) => model),
    prompts,
    score: kept.map(({ column: index }) => column((prompt) => (cell(sources.correct, prompt.id, index) === '1' ? 1 : 0))),
    cost: kept.map(({ price }, modelIndex) =>
      column((prompt, row) => (prompt.inputTokens * price.input + (outputTokens[modelIndex]?.[row] ?? 0) * price.output) / 1e6),
    ),
    costUnit: 'usd',
    outputTokens,
    answers:
      sources.predictions === undefined
        ? undefined
        : kept.map(({ model }) => {
            const predictionColumn = sources.predictions?.models.indexOf(model) ?? -1;
            return prompts.map((prompt) => cell(sources.predictions, prompt.id, predictionColumn) || undefined);
          }),
  };
}
