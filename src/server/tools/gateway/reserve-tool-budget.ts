/**
 * Stage: the tool call's cost reserved on every budget it touches, through the generic budget stage — a
 * tool call counts in `requests` and `usd` budgets, named by its canonical tool (a `model` budget scope names a
 * tool the same way). An exhausted budget refuses it with 429, as it refuses a model call.
 */
import { budgetSubjectOf, reserveCallBudget, type BudgetEngine } from '../../budgets/index.js';
import type { ToolCost } from '../../../contract/index.js';
import type { AdmissionStage } from '../../gateway/index.js';
import type { ToolCall } from './tool-call.js';

export interface ReserveToolBudgetOptions {
  engine: BudgetEngine;
  cost: (canonicalName: string) => ToolCost;
  onError: (error: unknown) => void;
}

export function reserveToolBudget(options: ReserveToolBudgetOptions): AdmissionStage<ToolCall> {
  const { cost } = options;
  return reserveCallBudget<ToolCall>({
    engine: options.engine,
    subject: (call) =>
      call.tool ? budgetSubjectOf(call, call.tool.canonicalName, call.tool.definition.upstream) : undefined,
    // The engine prices a reservation from tokens: one "input token" at the tool's price per million is its price.
    estimate: () => ({ inputTokens: 1, outputTokens: 0, outputCapped: true }),
    price: (call) => ({ input: (call.tool ? cost(call.tool.canonicalName).usd : 0) * 1e6, output: 0 }),
    onError: options.onError,
  });
}
