import { setTimeout as delay } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import {
  listRequestsQuerySchema,
  requestPageSchema,
  type ListRequestsQuery,
  type RequestRecord,
} from '../contract/index.js';
import { createAdminClient, type AdminClient } from './admin-client.js';
import type { CliContext, CommandGroup, CommandRun, Sleep } from './cli-context.js';
import { UsageError } from './cli-error.js';
import { formatRequestLine, isUnpriced } from './format-request-line.js';
import { parseOrUsage, printUsage, runSubcommand } from './parse-command.js';
import { printJson } from './print-json.js';
import { tailRequests } from './tail-requests.js';
import { createTeamNames } from './team-names.js';

const usage = `Usage:
  podium requests tail [--team <team>] [--key <key>] [--model <model>] [--limit <n>] [--interval <ms>] [--json]
  podium requests list [--team <team>] [--key <key>] [--model <model>] [--since <iso>] [--until <iso>]
                       [--limit <n>] [--cursor <cursor>] [--json]

Read the request ledger of the running Podium at PODIUM_URL (admin key: PODIUM_ADMIN_KEY).
Each call is one line: time, status, team, requested→served model, tokens in/out, cost, latency.
A successful call whose model has no price is marked UNPRICED: its cost is unknown, not $0.

  --team, --key, --model  filter by team (name or id), key (id or prefix) and model
  --since, --until        ISO timestamps (list): since is inclusive, until exclusive
  --limit <n>             list: records per page (default 100); tail: records shown first (default 10)
  --cursor <cursor>       list: the next page, as printed after the previous one
  --interval <ms>         tail: milliseconds between polls (default 1000)
  --json                  one JSON record per line (tail) or the API page (list)
`;

const filterOptions = {
  team: { type: 'string' },
  key: { type: 'string' },
  model: { type: 'string' },
  limit: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const listRequests: CommandRun = async (context, args) => {
  const { values } = parseOrUsage(usage, () =>
    parseArgs({
      args,
      strict: true,
      options: { ...filterOptions, since: { type: 'string' }, until: { type: 'string' }, cursor: { type: 'string' } },
    }),
  );
  if (values.help === true) return printUsage(context, usage);
  const { help: _help, json: _json, ...filters } = values;
  const query = parseQuery(filters);
  const client = createAdminClient(context);
  const page = await client.call({ method: 'GET', path: '/api/v1/requests', query, schema: requestPageSchema });
  if (values.json === true) {
    printJson(context, page);
    return 0;
  }
  const printer = createPrinter(context, client);
  await printer(page.data);
  if (page.data.length === 0) context.stdout.write('No requests.\n');
  const unpriced = page.data.filter(isUnpriced).length;
  if (unpriced > 0)
    context.stderr.write(`warning: ${unpriced} UNPRICED call(s): give their models a price in podium.yaml\n`);
  if (page.nextCursor !== null) context.stderr.write(`more: repeat with --cursor ${page.nextCursor}\n`);
  return 0;
};

const tail: CommandRun = async (context, args) => {
  const { values } = parseOrUsage(usage, () =>
    parseArgs({ args, strict: true, options: { ...filterOptions, interval: { type: 'string', default: '1000' } } }),
  );
  if (values.help === true) return printUsage(context, usage);
  const { team, key, model } = parseQuery({ team: values.team, key: values.key, model: values.model });
  const backlog = parseQuery({ limit: values.limit ?? '10' }).limit;
  const intervalMs = parseNumber({
    value: values.interval,
    flag: '--interval',
    schema: z.coerce.number().int().min(100),
  });
  const client = createAdminClient(context);
  const print =
    values.json === true
      ? (records: RequestRecord[]) =>
          void context.stdout.write(records.map((record) => `${JSON.stringify(record)}\n`).join(''))
      : createPrinter(context, client);
  try {
    await tailRequests({
      client,
      filters: { team, key, model },
      backlog,
      intervalMs,
      sleep: context.sleep ?? defaultSleep,
      signal: context.signal,
      onRecords: print,
    });
  } catch (error) {
    // Ctrl-C while a poll is in flight is the normal way to stop tailing.
    if (context.signal.aborted) return 0;
    throw error;
  }
  return 0;
};

const defaultSleep: Sleep = (ms, signal) => delay(ms, undefined, { signal });

function parseQuery(values: Partial<Record<keyof ListRequestsQuery, string>>): ListRequestsQuery {
  const parsed = listRequestsQuerySchema.safeParse(values);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `--${issue.path.join('.')}: ${issue.message}`);
  throw new UsageError(problems.join('; '), usage);
}

function parseNumber(options: { value: string | undefined; flag: string; schema: z.ZodType<number> }): number {
  const parsed = options.schema.safeParse(options.value);
  if (!parsed.success)
    throw new UsageError(`${options.flag}: ${parsed.error.issues[0]?.message ?? 'invalid number'}`, usage);
  return parsed.data;
}

function createPrinter(context: CliContext, client: AdminClient): (records: RequestRecord[]) => Promise<void> {
  const teamNames = createTeamNames(client);
  const color = context.stdout.isTTY === true && context.env.NO_COLOR === undefined;
  return async (records) => {
    const names = await teamNames(records.map((record) => record.teamId));
    const lines = records.map((record) => {
      const teamName = record.teamId === null ? undefined : names.get(record.teamId);
      return `${formatRequestLine(record, { teamName, color })}\n`;
    });
    context.stdout.write(lines.join(''));
  };
}

/** `podium requests tail|list`: the request ledger through the admin API. */
export const requestsCommand: CommandGroup = {
  name: 'requests',
  summary: 'tail or list the request ledger (calls, tokens, cost)',
  usage,
  run: (context, args) =>
    runSubcommand({ context, args, group: 'requests', usage, subcommands: { tail, list: listRequests } }),
};
