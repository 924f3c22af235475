/** `podium budgets requests list | request | grant | deny`: budget requests through the admin API. */
import { parseArgs } from 'node:util';
import { budgetRequestSchema, budgetRequestStates, listOf, type BudgetRequest } from '../contract/index.js';
import { createAdminClient } from './admin-client.js';
import type { CommandRun } from './cli-context.js';
import { UsageError } from './cli-error.js';
import { formatTable, formatTimestamp } from './format-table.js';
import { expectPositionals, parseOrUsage, printUsage, requireOption, runSubcommand } from './parse-command.js';
import { printJson } from './print-json.js';
import { readJsonFile } from './read-json-file.js';

const help = { help: { type: 'boolean', short: 'h' } } as const;
const json = { json: { type: 'boolean' } } as const;

/** What the request is about: an existing budget, or `new:<id>` for an allocation. */
const target = (request: BudgetRequest): string => request.budgetId ?? `new:${request.allocation?.id ?? '?'}`;

/** Long justifications would stretch the table past any terminal; --json has them whole. */
const excerpt = (text: string): string => (text.length > 40 ? `${text.slice(0, 39).trimEnd()}…` : text);

function parseAmount(value: string, usage: string): number {
  const amount = Number(value);
  if (value.trim() === '' || !Number.isFinite(amount) || amount <= 0)
    throw new UsageError(`--amount must be a positive number, not "${value}"`, usage);
  return amount;
}

/** The request subcommands, sharing the usage text of `podium budgets`. */
export function budgetRequestSubcommands(usage: string): Record<string, CommandRun> {
  const listRequests: CommandRun = async (context, args) => {
    const { values } = parseOrUsage(usage, () =>
      parseArgs({ args, strict: true, options: { ...help, ...json, state: { type: 'string' } } }),
    );
    if (values.help === true) return printUsage(context, usage);
    const state = values.state;
    if (state !== undefined && !(budgetRequestStates as readonly string[]).includes(state)) {
      throw new UsageError(`--state must be ${budgetRequestStates.join(', ')}, not "${state}"`, usage);
    }
    const { data } = await createAdminClient(context).call({
      method: 'GET',
      path: '/api/v1/budget-requests',
      query: { state },
      schema: listOf(budgetRequestSchema),
    });
    if (values.json === true) printJson(context, { data });
    else if (data.length === 0) context.stdout.write('No budget requests.\n');
    else {
      const headers = ['ID', 'STATE', 'BUDGET', 'AMOUNT', 'BY', 'CREATED', 'DECIDED BY', 'JUSTIFICATION'];
      const rows = data.map((request) => [
        request.id,
        request.state,
        target(request),
        request.amount,
        request.requestedBy,
        formatTimestamp(request.createdAt),
        request.decidedBy,
        excerpt(request.justification),
      ]);
      context.stdout.write(formatTable(headers, rows));
    }
    return 0;
  };

  const fileRequest: CommandRun = async (context, args) => {
    const { values } = parseOrUsage(usage, () =>
      parseArgs({
        args,
        strict: true,
        options: {
          ...help,
          ...json,
          budget: { type: 'string' },
          file: { type: 'string' },
          amount: { type: 'string' },
          by: { type: 'string' },
          why: { type: 'string' },
          value: { type: 'string' },
        },
      }),
    );
    if (values.help === true) return printUsage(context, usage);
    if ((values.budget === undefined) === (values.file === undefined))
      throw new UsageError('give --budget <id> or --file <allocation.json>, not both', usage);
    const fields = {
      amount: parseAmount(requireOption(values.amount, '--amount', usage), usage),
      requestedBy: requireOption(values.by, '--by', usage),
      justification: requireOption(values.why, '--why', usage),
      expectedValue: values.value,
    };
    // The allocation file is sent as read: the server validates it and names the faulty field.
    const allocation = values.file === undefined ? undefined : await readJsonFile(context, values.file);
    const body = { budgetId: values.budget, allocation, ...fields };
    const request = await createAdminClient(context).call({
      method: 'POST',
      path: '/api/v1/budget-requests',
      body,
      schema: budgetRequestSchema,
    });
    if (values.json === true) printJson(context, request);
    else
      context.stdout.write(
        `Filed budget request ${request.id} (${request.state}): ${target(request)} to ${request.amount}.\n`,
      );
    return 0;
  };

  const decide =
    (verb: 'grant' | 'deny'): CommandRun =>
    async (context, args) => {
      const { values, positionals } = parseOrUsage(usage, () =>
        parseArgs({
          args,
          strict: true,
          allowPositionals: true,
          options: { ...help, ...json, approver: { type: 'string' }, comment: { type: 'string' } },
        }),
      );
      if (values.help === true) return printUsage(context, usage);
      const [id = ''] = expectPositionals(positionals, ['request-id'], usage);
      const body = { approver: requireOption(values.approver, '--approver', usage), comment: values.comment };
      const path = `/api/v1/budget-requests/${encodeURIComponent(id)}/${verb}`;
      const request = await createAdminClient(context).call({
        method: 'POST',
        path,
        body,
        schema: budgetRequestSchema,
      });
      if (values.json === true) printJson(context, request);
      else
        context.stdout.write(
          `${verb === 'grant' ? 'Granted' : 'Denied'} budget request ${request.id}: ${target(request)} to ${request.amount}.\n`,
        );
      return 0;
    };

  const requests: CommandRun = (context, args) =>
    runSubcommand({ context, args, group: 'budgets requests', usage, subcommands: { list: listRequests } });

  return { requests, request: fileRequest, grant: decide('grant'), deny: decide('deny') };
}
