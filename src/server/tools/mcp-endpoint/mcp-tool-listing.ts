/**
 * A catalog tool as MCP's `tools/list` shows it: the exposed name (never the upstream's own), the
 * description this caller sees, the pinned schemas and annotations. Deterministic order (sorted by
 * exposed name) keeps the model provider's prompt cache warm across calls.
 */
import type { Tool } from '@modelcontextprotocol/server';
import type { CatalogTool } from '../tool-catalog.js';

/** `taskSupport` is 2025-11-25 vocabulary: only legacy-era lists carry it (the 2026 codec rejects it). */
export function toMcpTools(tools: readonly CatalogTool[], options: { tasks: boolean }): Tool[] {
  const sorted = [...tools].sort((left, right) =>
    left.exposedName < right.exposedName ? -1 : left.exposedName > right.exposedName ? 1 : 0,
  );
  return sorted.map((tool) => {
    const { definition } = tool;
    const listed: Tool = {
      name: tool.exposedName,
      inputSchema: { ...definition.inputSchema, type: 'object' },
    };
    if (definition.title !== undefined) listed.title = definition.title;
    if (tool.description !== undefined) listed.description = tool.description;
    if (definition.outputSchema !== undefined) listed.outputSchema = { ...definition.outputSchema, type: 'object' };
    if (definition.annotations !== undefined) listed.annotations = definition.annotations;
    if (options.tasks) listed.execution = { taskSupport: 'optional' };
    return listed;
  });
}
