/** The tools that touch no data: calculate, think, transfer to a human. */
import { z } from 'zod';
import { evaluatePythonArithmetic, PythonError, pythonFloat } from '../python-arithmetic.js';
import { pythonFloatRepr, pythonRound2 } from '../python-float.js';
import { defineRetailTool } from '../retail-tool.js';

/** Long enough for any sum an agent writes; Python has no limit, but an unbounded input is a fault here. */
const maxExpressionLength = 10_000;

export const calculate = defineRetailTool({
  name: 'calculate',
  description: 'Calculate the result of a mathematical expression.',
  parameters: {
    type: 'object',
    properties: {
      expression: {
        type: 'string',
        description:
          "The mathematical expression to calculate, such as '2 + 2'. The expression can contain numbers, operators (+, -, *, /), parentheses, and spaces.",
      },
    },
    required: ['expression'],
  },
  readOnly: true,
  arguments: z.strictObject({ expression: z.string().max(maxExpressionLength) }),
  run(_database, { expression }) {
    if (!/^[0-9+\-*/(). ]*$/.test(expression)) return 'Error: invalid characters in expression';
    try {
      return pythonFloatRepr(pythonRound2(pythonFloat(evaluatePythonArithmetic(expression))));
    } catch (error) {
      if (error instanceof PythonError) return `Error: ${error.message}`;
      throw error;
    }
  },
});

export const think = defineRetailTool({
  name: 'think',
  description:
    'Use the tool to think about something. It will not obtain new information or change the database, but just append the thought to the log. Use it when complex reasoning or some cache memory is needed.',
  parameters: {
    type: 'object',
    properties: { thought: { type: 'string', description: 'A thought to think about.' } },
    required: ['thought'],
  },
  readOnly: true,
  arguments: z.strictObject({ thought: z.string() }),
  run() {
    return '';
  },
});

export const transferToHumanAgents = defineRetailTool({
  name: 'transfer_to_human_agents',
  description:
    "Transfer the user to a human agent, with a summary of the user's issue. Only transfer if the user explicitly asks for a human agent, or if the user's issue cannot be resolved by the agent with the available tools.",
  parameters: {
    type: 'object',
    properties: { summary: { type: 'string', description: "A summary of the user's issue." } },
    required: ['summary'],
  },
  readOnly: true,
  arguments: z.strictObject({ summary: z.string() }),
  run() {
    return 'Transfer successful';
  },
});
