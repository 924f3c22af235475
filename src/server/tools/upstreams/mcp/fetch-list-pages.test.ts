import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import { Server } from '@modelcontextprotocol/server';
import { afterEach, describe, expect, it } from 'vitest';
import { fetchListPages, maxListPages } from './fetch-list-pages.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** A real client on a real low-level server whose tools/list pages as `page` says. */
async function connect(
  page: (cursor: string | undefined) => { tools: unknown[]; nextCursor?: string },
): Promise<Client> {
  const server = new Server({ name: 'pages', version: '1.0.0' }, { capabilities: { tools: {} } });
  server.setRequestHandler('tools/list', (request) => page(request.params?.cursor) as never);
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: 'test', version: '1.0.0' });
  await client.connect(clientSide);
  closers.push(
    () => client.close(),
    () => server.close(),
  );
  return client;
}

const tool = (name: string): unknown => ({ name, inputSchema: { type: 'object' } });

describe('fetchListPages', () => {
  it('follows cursors to the last page', async () => {
    const client = await connect((cursor) => {
      const index = Number(cursor ?? '0');
      return index < 2 ? { tools: [tool(`t${index}`)], nextCursor: String(index + 1) } : { tools: [tool('last')] };
    });
    const list = await fetchListPages(client, { upstream: 'pages', method: 'tools/list', timeoutMs: 5000 });
    expect(list.value.map((item) => (item as { name: string }).name)).toEqual(['t0', 't1', 'last']);
  });

  it('fails a list whose cursor never ends, after a bounded number of pages', async () => {
    let pages = 0;
    const client = await connect((cursor) => {
      pages += 1;
      return { tools: [tool(`t${pages}`)], nextCursor: `${cursor ?? ''}x` };
    });
    await expect(
      fetchListPages(client, { upstream: 'pages', method: 'tools/list', timeoutMs: 5000 }),
    ).rejects.toMatchObject({
      code: 'upstream_protocol_error',
    });
    expect(pages).toBe(maxListPages);
  });

  it('stops at a repeated cursor', async () => {
    const client = await connect(() => ({ tools: [tool('same')], nextCursor: 'again' }));
    const list = await fetchListPages(client, { upstream: 'pages', method: 'tools/list', timeoutMs: 5000 });
    expect(list.value).toHaveLength(2);
  });
});
