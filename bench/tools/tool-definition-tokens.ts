/**
 * What a large catalog costs an agent in prompt tokens: every tool definition sent with each request (the full
 * tools/list), against the one search tool plus the definitions it returns for a typical task. Counts the tokens
 * of each definition's JSON as an MCP client passes it to the model ({ name, description, inputSchema }) with
 * the project's tokenizer (o200k), over a deterministic catalog of ~200 OpenAPI-style tools, and checks that the
 * tool each task needs is among those found.
 *
 * Run: npx tsx bench/tools/tool-definition-tokens.ts [--limit 5]
 */
import { parseArgs } from 'node:util';
import { countTokens } from '../../src/server/tokens/index.js';
import { createSearchIndex, type ToolDefinition } from '../../src/server/tools/index.js';
import { syntheticToolCatalog } from './synthetic-tool-catalog.js';

interface Task {
  /** What the agent would search for: the task in its own words. */
  readonly query: string;
  /** The tool the task needs. */
  readonly needs: string;
}

const tasks: readonly Task[] = [
  { query: 'refund the payment for a customer order', needs: 'billing__refund_payment' },
  { query: 'cancel an order that has not shipped', needs: 'orders__cancel_order' },
  { query: 'where is my parcel tracking', needs: 'orders__track_shipment' },
  { query: 'reply to a support ticket', needs: 'support__reply_ticket' },
  { query: 'merge a pull request', needs: 'code__merge_pull_request' },
  { query: 'find free busy time in calendars for a meeting', needs: 'calendar__free_busy_calendar' },
  { query: 'share a file with a colleague', needs: 'files__share_file' },
  { query: 'approve time off request vacation', needs: 'hr__approve_time_off_request' },
  { query: 'products low in stock adjust stock level', needs: 'inventory__adjust_stock_level' },
  { query: 'schedule an email campaign', needs: 'marketing__schedule_campaign' },
];

/** The search tool as the MCP endpoint offers it past `searchThreshold`. */
const searchToolDefinition = {
  name: 'podium__search_tools',
  description:
    'Finds the tools for a task among the many available. Describe the task in a few words; returns the matching tools with their input schemas, best first. Call a returned tool by its name.',
  inputSchema: {
    type: 'object',
    properties: {
      query: { type: 'string', description: 'The task, in a few words.' },
      limit: { type: 'integer', description: 'Most tools returned (default 5).' },
    },
    required: ['query'],
  },
};

const exposed = (tool: ToolDefinition): string => `${tool.upstream}__${tool.name}`;
/** What the model is sent for one tool. */
const sentAs = (tool: ToolDefinition) => ({
  name: exposed(tool),
  description: tool.description,
  inputSchema: tool.inputSchema,
});
const tokensOf = (value: unknown): number => countTokens(JSON.stringify(value));

function main(): void {
  const { values } = parseArgs({ options: { limit: { type: 'string', default: '5' } } });
  const limit = Number(values.limit);
  const catalog = syntheticToolCatalog();
  const byName = new Map(catalog.map((tool) => [exposed(tool), tool]));
  const fullList = tokensOf(catalog.map(sentAs));
  const searchTool = tokensOf([searchToolDefinition]);
  const index = createSearchIndex(
    catalog.map((tool) => ({ exposedName: exposed(tool), description: tool.description })),
  );

  const rows = tasks.map((task) => {
    const found = index.search(task.query, limit).map((hit) => byName.get(hit.exposedName));
    const foundTools = found.filter((tool): tool is ToolDefinition => tool !== undefined);
    const rank = foundTools.findIndex((tool) => exposed(tool) === task.needs);
    // The search tool stays in the list; its answer carries the found definitions into the conversation.
    const tokens = searchTool + tokensOf(foundTools.map(sentAs));
    return { task: task.query, needs: task.needs, rank: rank < 0 ? null : rank + 1, tokens };
  });

  const averageSearch = Math.round(rows.reduce((sum, row) => sum + row.tokens, 0) / rows.length);
  const recall = rows.filter((row) => row.rank !== null).length / rows.length;
  const width = Math.max(...rows.map((row) => row.task.length));
  const lines = [
    `catalog: ${catalog.length} tools, full list ${fullList} tokens (${Math.round(fullList / catalog.length)} per tool)`,
    `search tool alone: ${searchTool} tokens; limit ${limit}`,
    '',
    `${'task'.padEnd(width)}  ${'needed tool'.padEnd(32)}  rank  tokens  vs full list`,
    ...rows.map(
      (row) =>
        `${row.task.padEnd(width)}  ${row.needs.padEnd(32)}  ${String(row.rank ?? '-').padStart(4)}  ${String(row.tokens).padStart(6)}  ${((100 * row.tokens) / fullList).toFixed(1).padStart(5)} %`,
    ),
    '',
    `average with search: ${averageSearch} tokens (${((100 * averageSearch) / fullList).toFixed(1)} % of the full list); needed tool found in ${Math.round(recall * 100)} % of tasks`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  process.stdout.write(
    `${JSON.stringify({ tools: catalog.length, fullListTokens: fullList, searchToolTokens: searchTool, limit, averageSearchTokens: averageSearch, ratio: Number((averageSearch / fullList).toFixed(4)), recall })}\n`,
  );
}

main();
