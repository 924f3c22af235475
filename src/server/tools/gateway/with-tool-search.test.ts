import { describe, expect, it } from 'vitest';
import { PodiumError } from '../../../contract/index.js';
import type { CatalogTool } from '../tool-catalog.js';
import type { ToolCallRequest, ToolGateway } from '../tool-gateway.js';
import { withToolSearch } from './with-tool-search.js';

const tool = (name: string, description: string): CatalogTool => ({
  exposedName: name,
  canonicalName: name,
  definition: { upstream: name.split('__')[0] ?? 'x', name, description, inputSchema: { type: 'object' } },
  description,
  pinDigest: 'd',
});

const catalog = [
  tool('crm__refund_order', 'Refunds an order to the customer.'),
  tool('crm__lookup_customer', 'Looks a customer up by e-mail.'),
  tool('files__read_file', 'Reads a file from the share.'),
];

/** A gateway that answers its visible tools and records which tool each call really reached. */
function recordingGateway(): ToolGateway & { called: string[] } {
  const called: string[] = [];
  return {
    called,
    listTools: () => Promise.resolve(catalog),
    callTool: (request) => {
      if (request.name === 'crm__refund_order')
        return Promise.reject(new PodiumError('policy_denied', 'forbidden by policy "no-refunds"'));
      called.push(request.name);
      return Promise.resolve({ type: 'result', callId: 'c', result: { content: [] } });
    },
    waitForApproval: () => Promise.resolve('approved'),
  };
}

const request = (name: string, args: unknown): ToolCallRequest => ({
  credential: 'pk',
  headers: {},
  signal: new AbortController().signal,
  name,
  arguments: args,
});

describe('withToolSearch', () => {
  it('lists the full catalog up to the threshold, and only the two meta-tools above it', async () => {
    const base = { credential: 'pk', headers: {}, signal: new AbortController().signal };
    expect(
      (await withToolSearch(recordingGateway(), { threshold: 3 }).listTools(base)).map((t) => t.exposedName),
    ).toEqual(catalog.map((t) => t.exposedName));
    expect(
      (await withToolSearch(recordingGateway(), { threshold: 2 }).listTools(base)).map((t) => t.exposedName),
    ).toEqual(['podium__call_tool', 'podium__search_tools']);
  });

  it('finds a tool for a task and calls the real tool, which policies then judge', async () => {
    const inner = recordingGateway();
    const gateway = withToolSearch(inner, { threshold: 1 });
    const found = await gateway.callTool(
      request('podium__search_tools', { query: 'customer e-mail lookup', limit: 1 }),
    );
    expect(found.type === 'result' && found.result.structuredContent).toMatchObject({
      tools: [{ name: 'crm__lookup_customer' }],
    });
    await gateway.callTool(request('podium__call_tool', { name: 'files__read_file', arguments: { path: 'a' } }));
    expect(inner.called).toEqual(['files__read_file']);
    // A policy that forbids the real tool forbids it through the meta-tool too.
    await expect(
      gateway.callTool(request('podium__call_tool', { name: 'crm__refund_order', arguments: {} })),
    ).rejects.toMatchObject({ code: 'policy_denied' });
  });

  it('refuses bad meta-tool arguments naming the field', async () => {
    const gateway = withToolSearch(recordingGateway(), { threshold: 1 });
    await expect(gateway.callTool(request('podium__search_tools', { limit: 2 }))).rejects.toMatchObject({
      code: 'invalid_tool_arguments',
      param: 'arguments.query',
    });
    await expect(
      gateway.callTool(request('podium__call_tool', { name: 'podium__call_tool', arguments: {} })),
    ).rejects.toMatchObject({ param: 'arguments.name' });
  });
});
