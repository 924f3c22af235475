/**
 * What a tool call returns, in MCP's shape whatever the upstream kind: content blocks for the model,
 * optional structured content (checked against the tool's output schema where it declares one), and
 * `isError` for a failure the tool itself reports (the model sees it; it is not a protocol error).
 */
import { z } from 'zod';

export const toolContentSchema = z.looseObject({ type: z.string().min(1).max(64) });
export type ToolContent = z.infer<typeof toolContentSchema>;

export const toolResultSchema = z.looseObject({
  content: z.array(toolContentSchema).max(10_000).default([]),
  structuredContent: z.record(z.string(), z.unknown()).optional(),
  isError: z.boolean().optional(),
});
export type ToolResult = z.infer<typeof toolResultSchema>;

/** A text-only result: what OpenAPI and SQL upstreams and Podium's notices return. */
export function textResult(text: string, isError = false): ToolResult {
  return isError ? { content: [{ type: 'text', text }], isError: true } : { content: [{ type: 'text', text }] };
}
