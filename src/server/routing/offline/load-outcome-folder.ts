import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { keepCovered } from './keep-covered.js';
import type { ModelPrice } from './load-prices.js';
import { parseCsvWithHeader } from './parse-csv.js';
import { parseQuestions, promptKey } from './parse-questions.js';
import { parseScore } from './parse-score.js';
import { selectTask } from './select-task.js';
import type { RoutingPrompt, RoutingTable } from './routing-table.js';

/** Options of {@link loadOutcomeFolder}. */
export interface OutcomeFolderOptions {
  folder: string;
  prices: ReadonlyMap<string, ModelPrice>;
  /** Models with results on fewer prompts than this share are dropped (default 0.95). */
  minCoverage?: number | undefined;
  /**
   * Only the prompts of this task (ZeroEval's `task`, MMLU-Pro's `category`), with the coverage rule
   * applied to them alone: a model evaluated on this task but not on another is kept.
   */
  task?: string | undefined;
}

/** A loaded table and what the loader dropped, so a caller can show it rather than lose it in a log. */
export interface LoadedTable {
  table: RoutingTable;
  warnings: string[];
}

interface Matrix {
  models: string[];
  byKey: Map<string, string[]>;
  /** The line of each key's row, for error messages. */
  lineOf: Map<string, number>;
}

async function readMatrix(path: string): Promise<Matrix> {
  const { header, rows, lines } = parseCsvWithHeader(await readFile(path, 'utf8'));
  // ZeroEval keys rows by (task, id); MMLU-Pro and user files by question_id or id.
  const keyColumns = header[0] === 'task' && header[1] === 'id' ? 2 : 1;
  const byKey = new Map<string, string[]>();
  const lineOf = new Map<string, number>();
  rows.forEach((row, index) => {
    const key = keyColumns === 2 ? promptKey({ task: row[0], id: row[1] }) : (row[0] ?? '');
    byKey.set(key, row.slice(keyColumns));
    lineOf.set(key, lines[index] ?? 0);
  });
  return { models: header.slice(keyColumns), byKey, lineOf };
}

const cell = (matrix: Matrix | undefined, key: string, column: number): string | undefined =>
  matrix?.byKey.get(key)?.[column];

/** correct.csv as numbers (`undefined` = no result), parsed once so a bad cell fails with its place. */
function parseScores(input: {
  matrix: Matrix;
  prompts: readonly RoutingPrompt[];
  file: string;
}): (number | undefined)[][] {
  const { matrix, prompts, file } = input;
  return matrix.models.map((model, column) =>
    prompts.map((prompt) =>
      parseScore(cell(matrix, prompt.id, column), { file, line: matrix.lineOf.get(prompt.id) ?? 0, column: model }),
    ),
  );
}

/**
 * Loads a folder in the shared outcome format: questions.jsonl, correct.csv (scores as
 * {@link parseScore} reads them, empty = no result), and optionally output_tokens.csv and pred.csv.
 * Models without a price or with too little coverage are dropped, then prompts missing a result for
 * a kept model, so every cell of the table is known.
 */
export async function loadOutcomeFolder(options: OutcomeFolderOptions): Promise<LoadedTable> {
  const { folder, prices } = options;
  const warnings: string[] = [];
  const questions = parseQuestions(await readFile(join(folder, 'questions.jsonl'), 'utf8'));
  const correct = await readMatrix(join(folder, 'correct.csv'));
  const optional = (name: string): Promise<Matrix | undefined> =>
    existsSync(join(folder, name)) ? readMatrix(join(folder, name)) : Promise.resolve(undefined);
  const [tokens, predictions] = await Promise.all([optional('output_tokens.csv'), optional('pred.csv')]);
  if (tokens === undefined) warnings.push('no output_tokens.csv: costs count prompt tokens only');
  const prompts = selectTask({
    prompts: questions.filter((prompt) => correct.byKey.has(prompt.id)),
    task: options.task,
    source: folder,
  });
  const scores = parseScores({ matrix: correct, prompts, file: join(folder, 'correct.csv') });
  const priced = correct.models.flatMap((model, column) => {
    const price = prices.get(model);
    if (price !== undefined) return [{ model, column, price }];
    warnings.push(`dropped ${model}: no price`);
    return [];
  });
  const covered = keepCovered({
    models: priced,
    name: ({ model }) => model,
    promptCount: prompts.length,
    hasResult: ({ column }, row) => scores[column]?.[row] !== undefined,
    minCoverage: options.minCoverage,
    taskOf: (row) => prompts[row]?.category,
  });
  warnings.push(...covered.warnings);
  const table = buildTable({
    name: options.task === undefined ? basename(folder) : `${basename(folder)}/${options.task}`,
    prompts: covered.rows.map((row) => prompts[row]).filter((prompt) => prompt !== undefined),
    kept: covered.models.map((model) => ({
      ...model,
      score: covered.rows.map((row) => scores[model.column]?.[row] ?? 0),
    })),
    sources: { tokens, predictions },
  });
  return { table, warnings };
}

function buildTable(input: {
  name: string;
  prompts: RoutingPrompt[];
  kept: { model: string; price: ModelPrice; score: number[] }[];
  sources: { tokens: Matrix | undefined; predictions: Matrix | undefined };
}): RoutingTable {
  const { prompts, kept, sources } = input;
  const column = (read: (prompt: RoutingPrompt, row: number) => number): Float64Array =>
    Float64Array.from(prompts, read);
  const outputTokens = kept.map(({ model }) => {
    const tokenColumn = sources.tokens?.models.indexOf(model) ?? -1;
    return column((prompt) => Number(cell(sources.tokens, prompt.id, tokenColumn) ?? '0') || 0);
  });
  return {
    name: input.name,
    models: kept.map(({ model }) => model),
    prompts,
    score: kept.map(({ score }) => Float64Array.from(score)),
    cost: kept.map(({ price }, modelIndex) =>
      column(
        (prompt, row) =>
          (prompt.inputTokens * price.input + (outputTokens[modelIndex]?.[row] ?? 0) * price.output) / 1e6,
      ),
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
