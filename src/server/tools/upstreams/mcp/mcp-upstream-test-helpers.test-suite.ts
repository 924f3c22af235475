/** Shared helpers of the MCP upstream's tests: configs, a caller, waiting for a state, reading stats. */
import { expect } from 'vitest';
import { mcpUpstreamSchema, type McpUpstreamConfig } from '../../../../contract/index.js';
import type { CallToolContext, ToolCaller } from '../../tool-upstream.js';
import type { McpUpstream } from './mcp-upstream.js';
import type { TestServerStats } from './test-mcp-server.test-suite.js';

export const testCaller: ToolCaller = { orgId: 'org', keyId: 'key', teamName: 'team', user: 'ada', agent: undefined };

/** A parsed config (defaults applied), as podium.yaml would give it. */
export function mcpConfig(input: Record<string, unknown>): McpUpstreamConfig {
  return mcpUpstreamSchema.parse({ type: 'mcp', ...input });
}

export function callContext(signal: AbortSignal = new AbortController().signal): CallToolContext {
  return { caller: testCaller, signal, callId: 'call-1' };
}

/** Polls until `predicate` holds (process and socket events have no hook to await). */
export async function waitFor(predicate: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for a condition');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export async function waitReady(upstream: McpUpstream, timeoutMs = 20_000): Promise<void> {
  await waitFor(() => upstream.health().state === 'ready', timeoutMs);
}

/** The test server's own account of what it saw (the `stats` tool). */
export async function serverStats(upstream: McpUpstream): Promise<TestServerStats & { pid: number }> {
  const result = await upstream.callTool('stats', {}, callContext());
  const first = result.content[0];
  expect(first?.type).toBe('text');
  return JSON.parse(String(first?.text)) as TestServerStats & { pid: number };
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
