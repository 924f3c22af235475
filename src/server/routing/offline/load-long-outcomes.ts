import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { keepCovered } from './keep-covered.js';
import type { LoadedTable } from './load-outcome-folder.js';
import type { ModelPrice } from './load-prices.js';
import { parseOutcomeRows, type OutcomeRow } from './parse-outcome-rows.js';
import { selectTask } from './select-task.js';
import type { RoutingPrompt, RoutingTable } from './routing-table.js';

/** Options of {@link loadLongOutcomes}. */
export interface LongOutcomesOptions {
  /** A `.jsonl` file, or a CSV with a `model` column and a `score` or `correct` column. */
  path: string;
  /** Prices for rows without `cost_usd`; required unless every row has one. */
  prices?: ReadonlyMap<string, ModelPrice> | undefined;
  /** Models with results on fewer prompts than this share are dropped (default 0.95). */
  minCoverage?: number | undefined;
  /** Only the prompts whose `category` is this task, each task keeping its own models (see {@link selectTask}). */
  task?: string | undefined;
}

interface PromptRows {
  prompt: RoutingPrompt;
  byModel: Map<string, OutcomeRow>;
}

/** Groups rows by prompt (in order of first appearance), refusing what would be misread: conflicting texts, duplicate pairs. */
function groupRows(rows: readonly OutcomeRow[], file: string): PromptRows[] {
  const groups = new Map<string, { rows: OutcomeRow[]; byModel: Map<string, OutcomeRow> }>();
  const problems: string[] = [];
  for (const row of rows) {
    const group = groups.get(row.promptId) ?? { rows: [], byModel: new Map<string, OutcomeRow>() };
    groups.set(row.promptId, group);
    const duplicate = group.byModel.get(row.model);
    if (duplicate !== undefined)
      problems.push(
        `${file}:${row.line}: model: a second result for prompt ${row.promptId} and ${row.model} (first on line ${duplicate.line})`,
      );
    const other = group.rows.find((earlier) => earlier.text !== '' && row.text !== '' && earlier.text !== row.text);
    if (other !== undefined)
      problems.push(
        `${file}:${row.line}: prompt: differs from the text of prompt ${row.promptId} on line ${other.line}`,
      );
    group.rows.push(row);
    group.byModel.set(row.model, row);
  }
  const grouped = [...groups].map(([id, group]) => {
    const text = group.rows.find((row) => row.text !== '')?.text;
    if (text === undefined)
      problems.push(`${file}:${group.rows[0]?.line ?? 0}: prompt: no row of prompt ${id} gives its text`);
    const inputTokens = group.rows.find((row) => row.inputTokens !== undefined)?.inputTokens;
    const category = group.rows.find((row) => row.category !== undefined)?.category;
    return {
      prompt: { id, text: text ?? '', category, inputTokens: inputTokens ?? Math.ceil((text ?? '').length / 4) },
      byModel: group.byModel,
    };
  });
  if (problems.length > 0)
    throw new Error(
      `${problems.length} bad ${problems.length === 1 ? 'row' : 'rows'} in ${file}:\n  ${problems.slice(0, 20).join('\n  ')}`,
    );
  return grouped;
}

/** A cell's dollars: its own cost_usd, else its tokens (the prompt's when the row has none) × the model's price. */
function cellCost(input: {
  row: OutcomeRow | undefined;
  prompt: RoutingPrompt;
  price: ModelPrice | undefined;
}): number {
  const { row, prompt, price } = input;
  if (row?.costUsd !== undefined) return row.costUsd;
  if (price === undefined) return Number.NaN;
  return ((row?.inputTokens ?? prompt.inputTokens) * price.input + (row?.outputTokens ?? 0) * price.output) / 1e6;
}

/**
 * Loads the long format — one row per (prompt, model) outcome, as JSONL or CSV — into a table:
 * scores as {@link parseScore} reads them, dollars from `cost_usd` or tokens × prices, answers
 * when rows give them. The folder loader's coverage rule applies (sparse models dropped, then
 * incomplete prompts), and what was dropped comes back as warnings.
 */
export async function loadLongOutcomes(options: LongOutcomesOptions): Promise<LoadedTable> {
  const { path, prices } = options;
  const format = extname(path).toLowerCase() === '.csv' ? 'csv' : 'jsonl';
  const rows = parseOutcomeRows({ text: await readFile(path, 'utf8'), file: path, format });
  if (rows.length === 0) throw new Error(`${path}: no outcome rows`);
  const unpricedRows = rows.filter((row) => row.costUsd === undefined);
  if (prices === undefined && unpricedRows.length > 0) {
    throw new Error(
      `${path}: ${unpricedRows.length} rows have no cost_usd (first on line ${unpricedRows[0]?.line}) and there is no prices.csv beside the file or in its parent folder (pass one with --prices)`,
    );
  }
  const warnings: string[] = [];
  if (unpricedRows.length > 0 && !rows.some((row) => row.outputTokens !== undefined))
    warnings.push('no output_tokens: costs without cost_usd count prompt tokens only');
  const grouped = groupRows(rows, path);
  const onTask = new Set(
    selectTask({ prompts: grouped.map((group) => group.prompt), task: options.task, source: path }),
  );
  const prompts = grouped.filter((group) => onTask.has(group.prompt));
  const ids = new Set(prompts.map((group) => group.prompt.id));
  const models = [...new Set(rows.filter((row) => ids.has(row.promptId)).map((row) => row.model))].filter((model) => {
    if (prices?.has(model) === true || !unpricedRows.some((row) => row.model === model)) return true;
    warnings.push(`dropped ${model}: no price (and rows without cost_usd)`);
    return false;
  });
  const covered = keepCovered({
    models,
    name: (model) => model,
    promptCount: prompts.length,
    hasResult: (model, index) => prompts[index]?.byModel.get(model)?.score !== undefined,
    minCoverage: options.minCoverage,
    taskOf: (index) => prompts[index]?.prompt.category,
  });
  warnings.push(...covered.warnings);
  const kept = covered.rows.map((index) => prompts[index]).filter((group) => group !== undefined);
  if (covered.models.length === 0 || kept.length === 0)
    throw new Error(
      `${path}: nothing left after dropping sparse models and incomplete prompts (${warnings.join('; ')})`,
    );
  const name = basename(path, extname(path));
  return {
    table: buildTable({
      name: options.task === undefined ? name : `${name}/${options.task}`,
      models: covered.models,
      prompts: kept,
      prices,
    }),
    warnings,
  };
}

function buildTable(input: {
  name: string;
  models: string[];
  prompts: PromptRows[];
  prices: ReadonlyMap<string, ModelPrice> | undefined;
}): RoutingTable {
  const { models, prompts, prices } = input;
  const perModel = (read: (row: OutcomeRow | undefined, group: PromptRows, model: string) => number): Float64Array[] =>
    models.map((model) => Float64Array.from(prompts, (group) => read(group.byModel.get(model), group, model)));
  const hasAnswers = prompts.some((group) => [...group.byModel.values()].some((row) => row.answer !== undefined));
  return {
    name: input.name,
    models,
    prompts: prompts.map((group) => group.prompt),
    score: perModel((row) => row?.score ?? 0),
    cost: perModel((row, group, model) => cellCost({ row, prompt: group.prompt, price: prices?.get(model) })),
    costUnit: 'usd',
    outputTokens: perModel((row) => row?.outputTokens ?? 0),
    answers: hasAnswers ? models.map((model) => prompts.map((group) => group.byModel.get(model)?.answer)) : undefined,
  };
}
