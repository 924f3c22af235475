/** Options of {@link keepCovered}. */
export interface KeepCoveredOptions<Model> {
  models: readonly Model[];
  name: (model: Model) => string;
  promptCount: number;
  hasResult: (model: Model, row: number) => boolean;
  /** Models with results on fewer prompts than this share are dropped (default 0.95). */
  minCoverage?: number | undefined;
}

/**
 * The coverage rule every loader shares: drop models with results on too few prompts, then the
 * prompts missing a kept model's result, so every cell of the table is known. Dropping models first
 * keeps one sparse model from emptying the table; what was dropped comes back as warnings.
 */
export function keepCovered<Model>(options: KeepCoveredOptions<Model>): { models: Model[]; rows: number[]; warnings: string[] } {
  const { promptCount, hasResult } = options;
  const warnings: string[] = [];
  const allRows = Array.from({ length: promptCount }, (_, row) => row);
  const minimum = (options.minCoverage ?? 0.95) * promptCount;
  const models = options.models.filter((model) => {
    const covered = allRows.filter((row) => hasResult(model, row)).length;
    if (covered >= minimum) return true;
    warnings.push(`dropped ${options.name(model)}: results on ${covered}/${promptCount} prompts`);
    return false;
  });
  const rows = allRows.filter((row) => models.every((model) => hasResult(model, row)));
  if (rows.length < promptCount) warnings.push(`dropped ${promptCount - rows.length} prompts missing a kept model's result`);
  return { models, rows, warnings };
}
