/**
 * One place that turns a configured upstream into a running one, by kind. The composition root calls it
 * for every `tools.upstreams` entry; adding a kind of upstream means adding a case here and nothing else.
 */
import type { ToolUpstreamConfig } from '../../../contract/index.js';
import type { ToolUpstream } from '../tool-upstream.js';
import { createMcpUpstream } from './mcp/index.js';
import { createOpenApiUpstream } from './openapi/index.js';
import { createSqlUpstream } from './sql/index.js';

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
    case 'mcp':
      return createMcpUpstream(name, config, { baseDir: options.baseDir, logger });
    case 'openapi':
      return createOpenApiUpstream(name, config, { baseDir: options.baseDir, logger });
    case 'sql':
      return createSqlUpstream(name, config, { logger });
  }
}
