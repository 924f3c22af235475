import { existsSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import { loadLongOutcomes } from './load-long-outcomes.js';
import { loadOutcomeFolder, type LoadedTable } from './load-outcome-folder.js';
import { loadPrices } from './load-prices.js';
import { loadRoutellm } from './load-routellm.js';
import { parseCsvRecords } from './parse-csv.js';
import { isLongFormatHeader } from './parse-outcome-rows.js';

/** Options of {@link loadRoutingData}. */
export interface LoadRoutingDataOptions {
  /**
   * A folder with questions.jsonl + correct.csv, a long-format file (`.jsonl`, or a CSV with `model`
   * and `score`/`correct` columns), a RouteLLM eval folder, or a RouteLLM-style wide CSV.
   */
  path: string;
  /** prices.csv; by default the folder's own (a file's folder), else its parent's (the shared data layout). */
  pricesPath?: string | undefined;
  /** The reference model: on RouteLLM-style data the one whose calls are the cost (default RouteLLM's GPT-4). */
  reference?: string | undefined;
  minCoverage?: number | undefined;
  /**
   * Load one task of data that mixes several (ZeroEval's `task`, MMLU-Pro's or a long file's `category`):
   * the coverage rule then runs on that task's prompts, so a model with no result on another task stays.
   */
  task?: string | undefined;
}

const defaultPricesPath = (folder: string): string | undefined =>
  [join(folder, 'prices.csv'), join(dirname(folder), 'prices.csv')].find((candidate) => existsSync(candidate));

/** Whether a CSV is in the long format, judged by its header alone. */
async function isLongCsv(path: string): Promise<boolean> {
  // Header names hold no newlines in practice, so the first line is the header: read only the start of the
  // file (the loader that follows reads it whole once).
  const file = await open(path);
  let text: string;
  try {
    const start = Buffer.alloc(64 * 1024);
    const { bytesRead } = await file.read(start, 0, start.length, 0);
    text = start.subarray(0, bytesRead).toString('utf8');
  } finally {
    await file.close();
  }
  const end = text.indexOf('\n');
  const header = parseCsvRecords(end < 0 ? text : text.slice(0, end))[0]?.cells ?? [];
  return isLongFormatHeader(header.map((name) => name.trim()));
}

/** Loads any supported dataset into a {@link RoutingTable}, detecting the format from the files present. */
export async function loadRoutingData(options: LoadRoutingDataOptions): Promise<LoadedTable> {
  const { path } = options;
  if (!existsSync(path)) throw new Error(`no routing data at ${path}`);
  const isFile = statSync(path).isFile();
  const extension = extname(path).toLowerCase();
  if (
    isFile &&
    (extension === '.jsonl' || extension === '.ndjson' || (extension === '.csv' && (await isLongCsv(path))))
  ) {
    const pricesPath = options.pricesPath ?? defaultPricesPath(dirname(path));
    return loadLongOutcomes({
      path,
      prices: pricesPath === undefined ? undefined : await loadPrices(pricesPath),
      minCoverage: options.minCoverage,
      task: options.task,
    });
  }
  if (isFile || !existsSync(join(path, 'correct.csv'))) {
    if (options.task !== undefined)
      throw new Error(`${path}: RouteLLM-style data has no tasks to choose from (task "${options.task}")`);
    return loadRoutellm({ path, strongModel: options.reference });
  }
  const pricesPath = options.pricesPath ?? defaultPricesPath(path);
  if (pricesPath === undefined)
    throw new Error(`${path}: no prices.csv in the folder or its parent (pass one with --prices)`);
  return loadOutcomeFolder({
    folder: path,
    prices: await loadPrices(pricesPath),
    minCoverage: options.minCoverage,
    task: options.task,
  });
}
