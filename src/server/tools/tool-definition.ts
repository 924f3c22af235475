/**
 * A tool as an upstream declares it, before Podium curates it: the upstream it lives on, its name
 * there, what the model is told about it and the JSON Schemas of its arguments and structured result.
 * Every upstream kind (MCP, OpenAPI, SQL) produces these; pinning, tool sets, policies and validation
 * read them. Annotations are the upstream's claims (`readOnlyHint`…): facts policies may use, never
 * guarantees.
 */
import { z } from 'zod';
import { toolUpstreamNameSchema } from '../../contract/index.js';

export const jsonObjectSchema = z.record(z.string(), z.unknown());
export type JsonObject = z.infer<typeof jsonObjectSchema>;

export const toolAnnotationsSchema = z.looseObject({
  title: z.string().max(500).optional(),
  readOnlyHint: z.boolean().optional(),
  destructiveHint: z.boolean().optional(),
  idempotentHint: z.boolean().optional(),
  openWorldHint: z.boolean().optional(),
});
export type ToolAnnotations = z.infer<typeof toolAnnotationsSchema>;

export const toolDefinitionSchema = z.strictObject({
  /** The upstream's name in podium.yaml. */
  upstream: toolUpstreamNameSchema,
  /** The tool's name on its upstream (MCP tool name, OpenAPI operationId, SQL statement name). */
  name: z.string().min(1).max(128),
  title: z.string().max(500).optional(),
  description: z.string().max(100_000).optional(),
  /** JSON Schema of the arguments (an object schema). */
  inputSchema: jsonObjectSchema,
  /** JSON Schema of `structuredContent`, where the tool declares one. */
  outputSchema: jsonObjectSchema.optional(),
  annotations: toolAnnotationsSchema.optional(),
});
export type ToolDefinition = z.infer<typeof toolDefinitionSchema>;

/** The separator between upstream and tool in an exposed name (`files__read_file`). */
export const exposedNameSeparator = '__';

/** The name a caller sees: the upstream stays visible (`files__read_file`). */
export function exposedToolName(upstream: string, tool: string): string {
  return `${upstream}${exposedNameSeparator}${tool}`;
}

/** Splits an exposed name at its first separator; undefined when it has none. */
export function parseExposedToolName(exposed: string): { upstream: string; tool: string } | undefined {
  const at = exposed.indexOf(exposedNameSeparator);
  if (at <= 0 || at + exposedNameSeparator.length >= exposed.length) return undefined;
  return { upstream: exposed.slice(0, at), tool: exposed.slice(at + exposedNameSeparator.length) };
}

/** The Cedar resource id of a tool: `Podium::Tool::"<upstream>/<tool>"`. */
export function toolResourceId(upstream: string, tool: string): string {
  return `${upstream}/${tool}`;
}
