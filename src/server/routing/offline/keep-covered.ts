/** Options of {@link keepCovered}. */
export interface KeepCoveredOptions<Model> {
  models: readonly Model[];
  name: (model: Model) => string;
  promptCount: number;
  hasResult: (model: Model, row: number) => boolean;
  /** Models with results on fewer prompts than this share are dropped (default 0.95). */
  minCoverage?: number | undefined;
  /** The task (dataset) of each prompt row, when the data mixes several: a dropped model's warning names the tasks it has no result on. */
  taskOf?: ((row: number) => string | undefined) | undefined;
}

/**
 * Why a model dropped from mixed data would be kept on one task: "(none on gsm; complete on math-l5:
 * load one task to keep it)", or '' when no single task covers it either.
 */
function taskHint<Model>(options: KeepCoveredOptions<Model> & { minimumShare: number }, model: Model): string {
  const { taskOf } = options;
  if (taskOf === undefined) return '';
  const counts = new Map<string, { prompts: number; results: number }>();
  for (let row = 0; row < options.promptCount; row += 1) {
    const task = taskOf(row) ?? '';
    const count = counts.get(task) ?? { prompts: 0, results: 0 };
    count.prompts += 1;
    if (options.hasResult(model, row)) count.results += 1;
    counts.set(task, count);
  }
  const tasks = [...counts].filter(([task]) => task !== '').sort(([a], [b]) => a.localeCompare(b));
  const missing = tasks.filter(([, count]) => count.results === 0).map(([task]) => task);
  const covered = tasks
    .filter(([, count]) => count.results >= options.minimumShare * count.prompts)
    .map(([task]) => task);
  if (tasks.length < 2 || missing.length === 0 || covered.length === 0) return '';
  return ` (none on ${missing.join(', ')}; complete on ${covered.join(', ')}: load one task to keep it)`;
}

/**
 * The coverage rule every loader shares: drop models with results on too few prompts, then the
 * prompts missing a kept model's result, so every cell of the table is known. Dropping models first
 * keeps one sparse model from emptying the table; what was dropped comes back as warnings.
 */
export function keepCovered<Model>(options: KeepCoveredOptions<Model>): {
  models: Model[];
  rows: number[];
  warnings: string[];
} {
  const { promptCount, hasResult } = options;
  const warnings: string[] = [];
  const allRows = Array.from({ length: promptCount }, (_, row) => row);
  const minimumShare = options.minCoverage ?? 0.95;
  const minimum = minimumShare * promptCount;
  const models = options.models.filter((model) => {
    const covered = allRows.filter((row) => hasResult(model, row)).length;
    if (covered >= minimum) return true;
    warnings.push(
      `dropped ${options.name(model)}: results on ${covered}/${promptCount} prompts${taskHint({ ...options, minimumShare }, model)}`,
    );
    return false;
  });
  const rows = allRows.filter((row) => models.every((model) => hasResult(model, row)));
  if (rows.length < promptCount)
    warnings.push(`dropped ${promptCount - rows.length} prompts missing a kept model's result`);
  return { models, rows, warnings };
}
