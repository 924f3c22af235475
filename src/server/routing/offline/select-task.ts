/**
 * The prompts of one task (`category`), or all of them when `task` is undefined. Choosing the task
 * before the coverage rule lets each task keep its own models: ZeroEval's MATH level 5 has models that
 * were never run on GSM8K.
 * @throws Error naming the tasks there are when none of the prompts has this one.
 */
export function selectTask<Prompt extends { category?: string | undefined }>(input: {
  prompts: readonly Prompt[];
  task: string | undefined;
  source: string;
}): Prompt[] {
  const { prompts, task } = input;
  if (task === undefined) return [...prompts];
  const chosen = prompts.filter((prompt) => prompt.category === task);
  if (chosen.length > 0) return chosen;
  const tasks = [
    ...new Set(prompts.map((prompt) => prompt.category).filter((category) => category !== undefined)),
  ].sort();
  throw new Error(
    `${input.source}: no prompts of task "${task}" (${tasks.length === 0 ? 'the data names no tasks' : `tasks: ${tasks.join(', ')}`})`,
  );
}
