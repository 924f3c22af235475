/**
 * Test support: an upstream whose tool list a test edits, with list-changed notifications and a switch to
 * make it fail. Excluded from the build by its name.
 */
import { PodiumError } from '../../../contract/index.js';
import type { ToolDefinition } from '../tool-definition.js';
import type { ToolUpstream, UpstreamHealth } from '../tool-upstream.js';

export interface FakeToolUpstream extends ToolUpstream {
  tools: ToolDefinition[];
  down: boolean;
  listCalls: number;
  /** Sends list-changed to the catalog, as an MCP server does. */
  notifyChanged(): void;
}

/** A tool of `upstream` with a simple object schema. */
export function toolDefinition(upstream: string, name: string, description: string): ToolDefinition {
  return {
    upstream,
    name,
    description,
    inputSchema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
  };
}

export function createFakeToolUpstream(name: string, tools: ToolDefinition[]): FakeToolUpstream {
  const listeners = new Set<() => void>();
  const health: UpstreamHealth = { state: 'ready', since: '2026-01-01T00:00:00.000Z' };
  const upstream: FakeToolUpstream = {
    name,
    kind: 'mcp',
    tools,
    down: false,
    listCalls: 0,
    listTools() {
      upstream.listCalls += 1;
      if (upstream.down) return Promise.reject(new PodiumError('upstream_unavailable', `${name} is down`));
      return Promise.resolve([...upstream.tools]);
    },
    callTool: () => Promise.resolve({ content: [] }),
    health: () => (upstream.down ? { state: 'down', since: health.since } : health),
    onToolsChanged(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    notifyChanged() {
      for (const listener of listeners) listener();
    },
    close: () => Promise.resolve(),
  };
  return upstream;
}
