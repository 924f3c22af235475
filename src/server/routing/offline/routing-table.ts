/** One prompt of an offline routing dataset: what a router may look at (never the outcomes). */
export interface RoutingPrompt {
  id: string;
  /** The prompt text a router sees; features come from this only. */
  text: string;
  /** Subject or task when the dataset gives one (MMLU-Pro category, ZeroEval task). */
  category?: string | undefined;
  /** Prompt length in tokens; the part of the cost known before any model is called. */
  inputTokens: number;
}

/**
 * Prompts × models outcomes, column-major so a policy scans one model's column without
 * allocating. `score[m][p]` is 0/1 correctness or a graded score (MT-Bench 1–10); `cost[m][p]` is
 * the cost of model m answering prompt p in `costUnit`.
 */
export interface RoutingTable {
  name: string;
  models: string[];
  prompts: RoutingPrompt[];
  score: Float64Array[];
  cost: Float64Array[];
  /**
   * `usd`: dollars from tokens × prices. `reference-calls`: 1 per call of the reference model and 0
   * otherwise — RouteLLM's axis, where cost is the share of calls sent to the strong model.
   */
  costUnit: 'usd' | 'reference-calls';
  /** Extracted answer per model and prompt (MMLU-Pro letters), when known: a cascade's agreement signal. */
  answers?: (string | undefined)[][] | undefined;
  /** Output tokens per model and prompt, when known (used to estimate a call's cost before making it). */
  outputTokens?: Float64Array[] | undefined;
}

/** Index of a model in a table, or an error naming the models that exist. */
export function modelIndex(table: RoutingTable, model: string): number {
  const index = table.models.indexOf(model);
  if (index < 0) throw new Error(`model "${model}" is not in ${table.name} (models: ${table.models.join(', ')})`);
  return index;
}

/** The rows `rows` of a table, as a new table sharing nothing mutable with the old one. */
export function selectPrompts(table: RoutingTable, rows: readonly number[]): RoutingTable {
  const pick = (column: Float64Array): Float64Array => Float64Array.from(rows, (row) => column[row] ?? Number.NaN);
  return {
    ...table,
    prompts: rows.map((row) => table.prompts[row]).filter((prompt) => prompt !== undefined),
    score: table.score.map(pick),
    cost: table.cost.map(pick),
    answers: table.answers?.map((column) => rows.map((row) => column[row])),
    outputTokens: table.outputTokens?.map(pick),
  };
}
