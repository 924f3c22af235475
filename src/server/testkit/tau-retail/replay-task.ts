/**
 * The scripted agent: performs a task's ground-truth actions in order, through any tool caller
 * (an MCP client, the tool gateway) or directly on a fresh copy of the data, as the benchmark's
 * scorer does to compute the expected state hash.
 */
import { copyRetailDatabase } from './retail-database.js';
import type { RetailDatabase } from './retail-database.js';
import type { RetailTask } from './retail-tasks.js';
import { retailTool } from './retail-tools.js';
import { stateHash } from './state-hash.js';

/** One tool call as the caller reports it back. */
export interface ReplayedResult {
  text: string;
  isError?: boolean;
}

export type RetailToolCaller = (name: string, args: Record<string, unknown>) => Promise<ReplayedResult>;

/** Calls the task's actions one after the other (each may depend on the last) and returns their texts. */
export async function replayTask(callTool: RetailToolCaller, task: RetailTask): Promise<string[]> {
  const texts: string[] = [];
  for (const action of task.actions) texts.push((await callTool(action.name, action.kwargs)).text);
  return texts;
}

/** Runs the task's actions on a fresh copy of `pristine` with the TS tools; returns the texts, the state hash and the copy. */
export function directReplay(
  task: RetailTask,
  pristine: RetailDatabase,
): { hash: string; texts: string[]; database: RetailDatabase } {
  const database = copyRetailDatabase(pristine);
  const texts = task.actions.map((action) => {
    const tool = retailTool(action.name);
    // base_env.py answers an unknown tool with this text rather than failing.
    return tool === undefined ? `Unknown action ${action.name}` : tool.invoke(database, action.kwargs);
  });
  return { hash: stateHash(database), texts, database };
}

/**
 * Whether each required output was said, judged as base_env.py judges it: lower-cased, commas
 * removed from the text searched. The benchmark searches the agent's replies to the user; a
 * scripted agent has none, so callers pass the tool results that hold the figures.
 */
export function outputsFound(outputs: readonly string[], texts: readonly string[]): Record<string, boolean> {
  const haystacks = texts.map((text) => text.toLowerCase().replaceAll(',', ''));
  return Object.fromEntries(
    outputs.map((output) => [output, haystacks.some((text) => text.includes(output.toLowerCase()))]),
  );
}
