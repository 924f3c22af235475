/**
 * The Cedar context of a retail tool call, in the shape the tool gateway will build (to be replaced
 * by its own builder): upstream and tool names, the top-level arguments Cedar can type (strings,
 * integers, booleans, lists of strings; the rest left out), the tool's hints, and the usual fields.
 */
import type { CedarValueJson } from '@cedar-policy/cedar-wasm/nodejs';
import { retailTool } from './retail-tools.js';

export interface RetailToolContextOptions {
  endUser?: string;
  agent?: string;
  dataClasses?: string[];
  tags?: string[];
}

/** Context for `tool.call` on `Podium::Tool::"retail/<tool>"`. */
export function retailToolContext(
  tool: string,
  args: Record<string, unknown>,
  options: RetailToolContextOptions = {},
): Record<string, CedarValueJson> {
  const definition = retailTool(tool);
  const context: Record<string, CedarValueJson> = {
    upstream: 'retail',
    tool,
    arguments: cedarArguments(args),
    dataClasses: options.dataClasses ?? [],
    tags: options.tags ?? [],
  };
  if (definition !== undefined) {
    context.readOnlyHint = definition.readOnly;
    context.destructiveHint = !definition.readOnly;
  }
  if (options.endUser !== undefined) context.endUser = options.endUser;
  if (options.agent !== undefined) context.agent = options.agent;
  return context;
}

function cedarArguments(args: Record<string, unknown>): Record<string, CedarValueJson> {
  const record: Record<string, CedarValueJson> = {};
  for (const [name, value] of Object.entries(args)) {
    if (typeof value === 'string' || typeof value === 'boolean') record[name] = value;
    // Cedar's Long is a signed 64-bit integer; a larger or fractional number has no Cedar type here.
    else if (typeof value === 'number' && Number.isSafeInteger(value)) record[name] = value;
    else if (Array.isArray(value) && value.every((item): item is string => typeof item === 'string'))
      record[name] = value;
  }
  return record;
}
