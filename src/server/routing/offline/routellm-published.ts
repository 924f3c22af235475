import { routellmStrongModel } from './load-routellm.js';
import type { RoutingTable } from './routing-table.js';

/**
 * RouteLLM's best published CPT(50%) per benchmark (its matrix-factorisation / BERT routers,
 * GPT-4 strong and Mixtral weak), in % of GPT-4 calls: the figures our learned router is put beside.
 */
export const routellmPublishedCpt50 = { mmlu: 35.4, gsm8k: 33.6, mt_bench: 13.4 } as const;

/** One of the benchmarks RouteLLM published figures for. */
export type RoutellmBenchmark = keyof typeof routellmPublishedCpt50;

// Table names as loadRoutellm gives them: the eval folder's name, or the GSM8K CSV's when passed directly.
const benchmarkByName: Record<string, RoutellmBenchmark> = {
  mmlu: 'mmlu',
  gsm8k: 'gsm8k',
  gsm8k_responses: 'gsm8k',
  mt_bench: 'mt_bench',
};

/**
 * RouteLLM's published best CPT(50%) for a table, when the table is one of RouteLLM's own
 * benchmarks measured on its axis (calls of its strong model); otherwise `undefined`, since the
 * figure means nothing beside other data or another reference.
 */
export function routellmPublishedFor(input: {
  table: Pick<RoutingTable, 'name' | 'costUnit'>;
  reference: string;
}): { benchmark: RoutellmBenchmark; cpt50: number } | undefined {
  const benchmark = benchmarkByName[input.table.name];
  if (benchmark === undefined || input.table.costUnit !== 'reference-calls' || input.reference !== routellmStrongModel)
    return undefined;
  return { benchmark, cpt50: routellmPublishedCpt50[benchmark] };
}
