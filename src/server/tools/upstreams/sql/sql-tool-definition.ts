import type { SqlParam, SqlStatement } from '../../../../contract/index.js';
import type { JsonObject, ToolDefinition } from '../../index.js';

/** What every SQL tool returns in `structuredContent`. */
export const sqlResultSchema: JsonObject = {
  type: 'object',
  properties: {
    rows: { type: 'array', items: { type: 'object' } },
    rowCount: { type: 'integer', description: 'Rows in `rows`.' },
    truncated: { type: 'boolean', description: 'More rows matched than were returned.' },
    affectedRows: { type: 'integer', description: 'Rows the statement wrote, for a write that completed.' },
  },
  required: ['rows', 'rowCount', 'truncated'],
};

function paramSchema(param: SqlParam): JsonObject {
  // An optional parameter left out is bound as NULL; saying so lets the model pass null explicitly too.
  const schema: JsonObject = { type: param.optional ? [param.type, 'null'] : param.type };
  if (param.description !== undefined) schema.description = param.description;
  return schema;
}

/**
 * The tool a statement becomes. Parameters bound from the caller's identity are left out of the input
 * schema entirely: the model is never told they exist, let alone invited to set them.
 */
export function sqlToolDefinition(upstream: string, name: string, statement: SqlStatement): ToolDefinition {
  const modelParams = statement.params.filter((param) => param.from === undefined);
  const properties = Object.fromEntries(modelParams.map((param) => [param.name, paramSchema(param)]));
  const required = modelParams.filter((param) => !param.optional).map((param) => param.name);
  return {
    upstream,
    name,
    ...(statement.description === undefined ? {} : { description: statement.description }),
    inputSchema: { type: 'object', properties, required, additionalProperties: false },
    outputSchema: sqlResultSchema,
    // MCP already reads a tool that is not read-only as possibly destructive: no further claim is made.
    annotations: { readOnlyHint: !statement.write },
  };
}
