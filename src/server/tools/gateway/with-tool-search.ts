/**
 * Large catalogs: above `threshold` visible tools, a caller's `tools/list` is two meta-tools instead of hundreds
 * of definitions — `podium__search_tools` (a query → the best matching tools, full definitions) and
 * `podium__call_tool` (a name and arguments → that tool, through the same governed pipeline: policies, approvals,
 * budgets, the ledger and the audit trail see the real tool, never the meta-tool). A wrapper around any
 * `ToolGateway`, so every endpoint (HTTP, stdio) gets it. Searching reads only the caller's own visible list,
 * as `tools/list` does, and is not a tool call of its own.
 */
import { z } from 'zod';
import { PodiumError } from '../../../contract/index.js';
import { createSearchIndex, maxSearchQueryChars, maxSearchResults } from '../catalog/index.js';
import type { CatalogTool } from '../tool-catalog.js';
import type { ToolCallOutcome, ToolCallRequest, ToolGateway } from '../tool-gateway.js';

export const searchToolName = 'podium__search_tools';
export const callToolName = 'podium__call_tool';

const searchArguments = z.strictObject({
  query: z.string().min(1).max(maxSearchQueryChars),
  limit: z.number().int().min(1).max(maxSearchResults).default(5),
});
const callArguments = z.strictObject({
  name: z.string().min(1).max(200),
  arguments: z.record(z.string(), z.unknown()).default({}),
});

const metaTool = (name: 'search_tools' | 'call_tool', description: string, inputSchema: object): CatalogTool => ({
  exposedName: `podium__${name}`,
  canonicalName: `podium__${name}`,
  definition: { upstream: 'podium', name, description, inputSchema: { ...inputSchema } },
  description,
  pinDigest: 'built-in',
});

const metaTools: readonly CatalogTool[] = [
  metaTool(
    'call_tool',
    'Calls a tool found with podium__search_tools by its name, with its arguments (as its input schema says).',
    {
      type: 'object',
      properties: {
        name: { type: 'string', description: 'The tool name podium__search_tools returned.' },
        arguments: { type: 'object', description: 'The tool’s arguments.' },
      },
      required: ['name'],
      additionalProperties: false,
    },
  ),
  metaTool(
    'search_tools',
    'Finds the tools you can use for a task: describe what you want to do; returns the best matching tools with their descriptions and input schemas. Call one with podium__call_tool.',
    {
      type: 'object',
      properties: {
        query: { type: 'string', description: 'What you want to do, in a few words.' },
        limit: { type: 'integer', minimum: 1, maximum: maxSearchResults, description: 'How many tools (default 5).' },
      },
      required: ['query'],
      additionalProperties: false,
    },
  ),
];

function parsed<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = ['arguments', ...(issue?.path ?? []).map(String)].join('.');
  throw new PodiumError('invalid_tool_arguments', `${field}: ${issue?.message ?? 'invalid'}`, { param: field });
}

export function withToolSearch(gateway: ToolGateway, options: { threshold: number }): ToolGateway {
  return {
    async listTools(request) {
      const tools = await gateway.listTools(request);
      return tools.length > options.threshold ? metaTools : tools;
    },
    async callTool(request: ToolCallRequest): Promise<ToolCallOutcome> {
      if (request.name === searchToolName) {
        const { query, limit } = parsed(searchArguments, request.arguments);
        const found = createSearchIndex(await gateway.listTools(request)).search(query, limit);
        const tools = found.map((tool) => ({
          name: tool.exposedName,
          description: tool.description,
          inputSchema: tool.definition.inputSchema,
        }));
        return {
          type: 'result',
          callId: 'search',
          result: { content: [{ type: 'text', text: JSON.stringify({ tools }) }], structuredContent: { tools } },
        };
      }
      if (request.name === callToolName) {
        const inner = parsed(callArguments, request.arguments);
        if (inner.name === callToolName || inner.name === searchToolName)
          throw new PodiumError('invalid_tool_arguments', 'arguments.name: names a meta-tool', {
            param: 'arguments.name',
          });
        return gateway.callTool({ ...request, name: inner.name, arguments: inner.arguments });
      }
      return gateway.callTool(request);
    },
    waitForApproval: (approvalId, signal) => gateway.waitForApproval(approvalId, signal),
  };
}
