/**
 * Walks a paginated MCP list (`tools/list`, `prompts/list`, `resources/list`) page by page with a
 * lenient page schema: items stay `unknown` here so one malformed entry can be skipped by the caller
 * instead of failing the whole list (the SDK's typed `listTools()` rejects the page). Pages and items
 * are bounded: a server whose cursor never ends, or that lists a million tools, fails the list.
 */
import type { Client } from '@modelcontextprotocol/client';
import { z } from 'zod';
import { PodiumError } from '../../../../contract/index.js';
import type { CacheableList } from './scoped-list-cache.js';

export const maxListPages = 50;
export const maxListItems = 10_000;

export type McpListMethod = 'tools/list' | 'prompts/list' | 'resources/list';

const pageSchema = z.looseObject({
  tools: z.array(z.unknown()).max(maxListItems).optional(),
  prompts: z.array(z.unknown()).max(maxListItems).optional(),
  resources: z.array(z.unknown()).max(maxListItems).optional(),
  nextCursor: z.string().max(4096).optional(),
  ttlMs: z.number().int().nonnegative().optional(),
  cacheScope: z.enum(['public', 'private']).optional(),
});

const itemsKey = { 'tools/list': 'tools', 'prompts/list': 'prompts', 'resources/list': 'resources' } as const;

export interface FetchListOptions {
  readonly upstream: string;
  readonly method: McpListMethod;
  readonly timeoutMs: number;
}

/** Every item of every page, with the first page's cache hints. */
export async function fetchListPages(client: Client, options: FetchListOptions): Promise<CacheableList<unknown[]>> {
  const items: unknown[] = [];
  let hints: Pick<CacheableList<unknown[]>, 'ttlMs' | 'scope'> = {};
  let cursor: string | undefined;
  for (let page = 0; page < maxListPages; page += 1) {
    const result = await client.request(
      { method: options.method, params: cursor === undefined ? {} : { cursor } },
      pageSchema,
      { timeout: options.timeoutMs },
    );
    if (page === 0) hints = { ttlMs: result.ttlMs, scope: result.cacheScope };
    items.push(...(result[itemsKey[options.method]] ?? []));
    if (items.length > maxListItems) {
      throw new PodiumError(
        'upstream_protocol_error',
        `tool upstream "${options.upstream}" listed more than ${maxListItems} items`,
      );
    }
    // A repeated cursor would loop until the page bound; stop at once.
    if (result.nextCursor === undefined || result.nextCursor === '' || result.nextCursor === cursor) {
      return { value: items, ...hints };
    }
    cursor = result.nextCursor;
  }
  throw new PodiumError(
    'upstream_protocol_error',
    `tool upstream "${options.upstream}" listed more than ${maxListPages} pages`,
  );
}
