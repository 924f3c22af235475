/**
 * One place that turns a configured upstream into a running one, by kind. The composition root calls it
 * for every `tools.upstreams` entry; adding a kind of upstream means adding a case here and nothing else.
 * Each kind is imported when first configured: the MCP client SDK alone is ~25 MB of a Podium that has no
 * MCP upstream.
 */
import type { ToolUpstreamConfig } from '../../../contract/index.js';
import type { ToolUpstream } from '../tool-upstream.js';

export interface CreateUpstreamOptions {
  /** podium.yaml's directory: relative paths (stdio `cwd`, OpenAPI documents) resolve from here. */
  baseDir: string;
  logger?: (line: string) => void;
}

export async function createUpstream(
  name: string,
  config: ToolUpstreamConfig,
  options: CreateUpstreamOptions,
): Promise<ToolUpstream> {
  const logger = options.logger ?? (() => undefined);
  switch (config.type) {
    case 'mcp': {
      const { createMcpUpstream } = await import('./mcp/index.js');
      return createMcpUpstream(name, config, { baseDir: options.baseDir, logger });
    }
    case 'openapi': {
      const { createOpenApiUpstream } = await import('./openapi/index.js');
      return createOpenApiUpstream(name, config, { baseDir: options.baseDir, logger });
    }
    case 'sql': {
      const { createSqlUpstream } = await import('./sql/index.js');
      return createSqlUpstream(name, config, { logger });
    }
  }
}
