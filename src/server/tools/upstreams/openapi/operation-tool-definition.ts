/**
 * The tool an operation is exposed as. Its input schema is one object: each parameter under its
 * argument key (argument-keys.ts) with the parameter's schema, and `body` for the JSON request body;
 * `required` as the document says; nothing else accepted. The output schema is the JSON success
 * response's, when it is an object (MCP's `structuredContent` is always an object).
 * Annotations follow HTTP semantics, as claims: GET and HEAD read only, DELETE destroys.
 */
import type { ToolAnnotations, ToolDefinition } from '../../tool-definition.js';
import { bodyArgumentKey } from './argument-keys.js';
import type { HttpMethod } from './openapi-document-schema.js';
import type { OperationBody, OperationParameter } from './openapi-operation.js';

const maxDescription = 100_000;

export interface ToolDefinitionInput {
  readonly upstream: string;
  readonly toolName: string;
  readonly method: HttpMethod;
  readonly summary: string | undefined;
  readonly description: string | undefined;
  readonly parameters: readonly OperationParameter[];
  readonly body: OperationBody | undefined;
  readonly outputSchema: Record<string, unknown> | undefined;
}

/** The tool definition of one operation. */
export function operationToolDefinition(input: ToolDefinitionInput): ToolDefinition {
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  for (const parameter of input.parameters) {
    properties[parameter.key] = withDescription(parameter.schema, parameter.description);
    if (parameter.required) required.push(parameter.key);
  }
  if (input.body !== undefined) {
    properties[bodyArgumentKey] = withDescription(
      input.body.schema,
      input.body.description ?? 'The JSON request body.',
    );
    if (input.body.required) required.push(bodyArgumentKey);
  }
  const inputSchema: Record<string, unknown> = { type: 'object', properties, additionalProperties: false };
  if (required.length > 0) inputSchema.required = required;
  const description = [input.summary, input.description]
    .filter((part): part is string => part !== undefined && part.trim() !== '')
    .join('\n\n')
    .slice(0, maxDescription);
  return {
    upstream: input.upstream,
    name: input.toolName,
    ...(description === '' ? {} : { description }),
    inputSchema,
    ...(input.outputSchema === undefined ? {} : { outputSchema: input.outputSchema }),
    annotations: annotationsOf(input.method),
  };
}

function annotationsOf(method: HttpMethod): ToolAnnotations {
  if (method === 'get' || method === 'head') return { readOnlyHint: true };
  if (method === 'delete') return { readOnlyHint: false, destructiveHint: true };
  return { readOnlyHint: false };
}

function withDescription(
  schema: Readonly<Record<string, unknown>>,
  description: string | undefined,
): Record<string, unknown> {
  if (description === undefined || typeof schema.description === 'string') return { ...schema };
  return { ...schema, description: description.slice(0, maxDescription) };
}
