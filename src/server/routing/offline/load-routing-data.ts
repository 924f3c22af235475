import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadOutcomeFolder, type LoadedTable } from './load-outcome-folder.js';
import { loadPrices } from './load-prices.js';
import { loadRoutellm } from './load-routellm.js';

/** Options of {@link loadRoutingData}. */
export interface LoadRoutingDataOptions {
  /** A folder with questions.jsonl + correct.csv, a RouteLLM eval folder, or a RouteLLM-style CSV. */
  path: string;
  /** prices.csv; by default the folder's own, else its parent's (the shared data layout). */
  pricesPath?: string | undefined;
  minCoverage?: number | undefined;
}

/** Loads any supported dataset into a {@link RoutingTable}, detecting the format from the files present. */
export async function loadRoutingData(options: LoadRoutingDataOptions): Promise<LoadedTable> {
  const { path } = options;
  if (!existsSync(path)) throw new Error(`no routing data at ${path}`);
  if (!existsSync(join(path, 'correct.csv'))) return loadRoutellm({ path });
  const pricesPath = options.pricesPath ?? [join(path, 'prices.csv'), join(dirname(path), 'prices.csv')].find((candidate) => existsSync(candidate));
  if (pricesPath === undefined) throw new Error(`${path}: no prices.csv in the folder or its parent (pass one)`);
  return loadOutcomeFolder({ folder: path, prices: await loadPrices(pricesPath), minCoverage: options.minCoverage });
}
