/** τ-bench's retail tasks (tasks_dev.py, tasks_train.py), parsed from their Python source and checked with zod. */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { PodiumError } from '../../../contract/index.js';
import { parsePythonAssignment } from './python-literal.js';

const argumentValue = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]);

const action = z
  .object({
    call: z.literal('Action'),
    args: z.strictObject({ name: z.string(), kwargs: z.record(z.string(), argumentValue) }),
  })
  .transform(({ args }) => ({ name: args.name, kwargs: args.kwargs }));

const task = z
  .object({
    call: z.literal('Task'),
    args: z.strictObject({
      annotator: z.string().optional(),
      user_id: z.string(),
      instruction: z.string(),
      actions: z.array(action),
      outputs: z.array(z.string()),
    }),
  })
  .transform(({ args }) => ({
    userId: args.user_id,
    instruction: args.instruction,
    actions: args.actions,
    outputs: args.outputs,
  }));

/** One task: who the customer is, what they want, the ground-truth tool calls and the figures to say. */
export type RetailTask = z.infer<typeof task>;
export type RetailAction = RetailTask['actions'][number];

/** The task files are under 1 MB; a larger one is not the benchmark's. */
const maxTaskFileBytes = 8 * 1024 * 1024;

/** Parses one task file's source text. */
export function parseRetailTasks(source: string, fileName = 'tasks'): RetailTask[] {
  let literal: unknown;
  try {
    literal = parsePythonAssignment(source);
  } catch (error) {
    throw new PodiumError('config_invalid', `${fileName}: ${(error as Error).message}`, {
      param: fileName,
      cause: error,
    });
  }
  const result = z.array(task).safeParse(literal);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new PodiumError(
      'config_invalid',
      `${fileName}: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`,
      {
        param: fileName,
      },
    );
  }
  return result.data;
}

/** The dev (20) and train (500) tasks of the data directory, dev first. */
export function loadRetailTasks(directory: string): { dev: RetailTask[]; train: RetailTask[] } {
  const read = (name: string): RetailTask[] => {
    const path = join(directory, name);
    if (statSync(path).size > maxTaskFileBytes)
      throw new PodiumError('config_invalid', `${name} is larger than ${maxTaskFileBytes} bytes`, { param: name });
    return parseRetailTasks(readFileSync(path, 'utf8'), name);
  };
  return { dev: read('tasks_dev.py'), train: read('tasks_train.py') };
}
