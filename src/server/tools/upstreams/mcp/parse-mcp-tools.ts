/**
 * MCP tools as Podium's tool definitions. Each tool is parsed on its own: a malformed one (a name too
 * long, a schema that is not an object) is skipped and logged, never the whole list. Excluded names
 * are dropped, a duplicate name keeps its first definition, and the result is sorted by name so the
 * list a model sees is byte-stable (provider prompt caches stay warm).
 */
import { toolDefinitionSchema, type ToolDefinition } from '../../tool-definition.js';

export interface ParseMcpToolsOptions {
  readonly upstream: string;
  readonly exclude: readonly string[];
  readonly log: (line: string) => void;
}

const definitionKeys = ['name', 'title', 'description', 'inputSchema', 'outputSchema', 'annotations'] as const;

export function parseMcpTools(items: readonly unknown[], options: ParseMcpToolsOptions): ToolDefinition[] {
  const excluded = new Set(options.exclude);
  const byName = new Map<string, ToolDefinition>();
  items.forEach((item, index) => {
    const parsed = toolDefinitionSchema.safeParse({ upstream: options.upstream, ...pickDefinition(item) });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue === undefined ? '' : ` (${issue.path.join('.')}: ${issue.message})`;
      options.log(`[${options.upstream}] skipped malformed tool #${index}${field}`);
      return;
    }
    const tool = parsed.data;
    if (excluded.has(tool.name)) return;
    if (byName.has(tool.name)) {
      options.log(`[${options.upstream}] skipped duplicate tool "${tool.name}"`);
      return;
    }
    byName.set(tool.name, tool);
  });
  return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The fields Podium keeps; MCP's others (`icons`, `_meta`, `execution`) do not reach callers. */
function pickDefinition(item: unknown): Record<string, unknown> {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return {};
  const source = item as Record<string, unknown>;
  const picked: Record<string, unknown> = {};
  for (const key of definitionKeys) {
    if (source[key] !== undefined) picked[key] = source[key];
  }
  return picked;
}
