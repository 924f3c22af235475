/**
 * One of Podium's own capabilities offered as a tool: its definition (generated from the zod schema that
 * also parses its arguments, so the two never drift) and what it does for the caller.
 */
import { z } from 'zod';
import { PodiumError } from '../../../contract/index.js';
import type { ToolDefinition } from '../tool-definition.js';
import type { ToolResult } from '../tool-result.js';
import type { CallToolContext } from '../tool-upstream.js';

/** The upstream's name in podium.yaml and in exposed tool names (`podium__request_approval`). */
export const podiumUpstreamName = 'podium';

export interface PodiumTool {
  readonly definition: ToolDefinition;
  /** Runs with the raw arguments; parses them first. */
  call(args: unknown, context: CallToolContext): Promise<ToolResult>;
}

/** Builds a tool whose arguments are parsed by `input` and whose answer is `structuredContent` (and its JSON as text). */
export function definePodiumTool<Input extends z.ZodType>(spec: {
  name: string;
  description: string;
  input: Input;
  output: z.ZodType;
  readOnly: boolean;
  run: (args: z.output<Input>, context: CallToolContext) => Promise<Record<string, unknown>>;
}): PodiumTool {
  return {
    definition: {
      upstream: podiumUpstreamName,
      name: spec.name,
      description: spec.description,
      inputSchema: jsonSchemaOf(spec.input, 'input'),
      outputSchema: jsonSchemaOf(spec.output, 'output'),
      annotations: spec.readOnly
        ? { readOnlyHint: true, openWorldHint: false }
        : { readOnlyHint: false, destructiveHint: false, openWorldHint: false },
    },
    async call(args, context) {
      const structured = await spec.run(parseToolArguments(spec.input, args), context);
      return { content: [{ type: 'text', text: JSON.stringify(structured) }], structuredContent: structured };
    },
  };
}

function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  return rest;
}

/**
 * Parses a tool's arguments. A model's mistake is a 400 naming the field, so the model can correct it; the
 * message carries zod's wording and the path, never the value (it may be long or sensitive).
 */
export function parseToolArguments<Schema extends z.ZodType>(schema: Schema, args: unknown): z.output<Schema> {
  const parsed = schema.safeParse(args);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const param = issue?.path.map(String).join('.') || 'arguments';
  throw new PodiumError('invalid_request', `invalid_tool_arguments: ${param}: ${issue?.message ?? 'invalid'}`, {
    param,
  });
}
