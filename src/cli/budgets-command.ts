import { parseArgs } from 'node:util';
import { z } from 'zod';
import { budgetDefinitionSchema, budgetStatusSchema, listOf, type BudgetStatus } from '../contract/index.js';
import { createAdminClient } from './admin-client.js';
import { budgetRequestSubcommands } from './budget-requests-commands.js';
import type { CommandGroup, CommandRun } from './cli-context.js';
import { formatAmount, formatScope, unitLabel } from './format-budget-amount.js';
import { formatTable, formatTimestamp } from './format-table.js';
import { expectPositionals, parseOrUsage, printUsage, requireOption, runSubcommand } from './parse-command.js';
import { printJson } from './print-json.js';
import { readJsonFile } from './read-json-file.js';

export const budgetsUsage = `Usage:
  podium budgets list [--json]
  podium budgets status [<id>] [--json]
  podium budgets create --file <budget.json> [--json]
  podium budgets delete <id>
  podium budgets requests list [--state pending|granted|denied] [--json]
  podium budgets request --budget <id> --amount <n> --by <name> --why <text> [--value <text>] [--json]
  podium budgets request --file <allocation.json> --amount <n> --by <name> --why <text> [--value <text>] [--json]
  podium budgets grant <request-id> --approver <name> [--comment <text>] [--json]
  podium budgets deny <request-id> --approver <name> [--comment <text>] [--json]

Budgets of the running Podium at PODIUM_URL (admin key: PODIUM_ADMIN_KEY).

  status            per budget: used / limit, remaining, burn rate per hour, projection at period end,
                    HOT when projected to run out before the period ends, and when it resets (UTC)
  create            creates or replaces an API budget from a JSON definition (see docs/budgets.md)
  request           asks for a higher limit of a budget (--amount is the new limit) or, with --file,
                    for a new budget whose limit is --amount
  grant, deny       decide a pending request; --approver names who decides
  --json            print the API response as JSON
`;

/** A budget as listed: the definition plus where it comes from; loose, so --json shows every field. */
const listedBudgetSchema = z.looseObject({ ...budgetDefinitionSchema.shape, source: z.enum(['config', 'api']) });
const jsonOption = { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;

const listBudgets: CommandRun = async (context, args) => {
  const { values } = parseOrUsage(budgetsUsage, () => parseArgs({ args, strict: true, options: jsonOption }));
  if (values.help === true) return printUsage(context, budgetsUsage);
  const { data } = await createAdminClient(context).call({
    method: 'GET',
    path: '/api/v1/budgets',
    schema: listOf(listedBudgetSchema),
  });
  if (values.json === true) printJson(context, { data });
  else if (data.length === 0) context.stdout.write('No budgets.\n');
  else {
    const rows = data.map((budget) => [
      budget.id,
      formatScope(budget.scope),
      `${formatAmount(budget.unit, budget.limit)} ${unitLabel(budget.unit)}`,
      budget.period,
      budget.timezone,
      budget.mode,
      budget.source,
    ]);
    context.stdout.write(formatTable(['ID', 'SCOPE', 'LIMIT', 'PERIOD', 'TIMEZONE', 'MODE', 'SOURCE'], rows));
  }
  return 0;
};

const statusRow = (status: BudgetStatus) => [
  status.id,
  formatScope(status.scope),
  `${formatAmount(status.unit, status.used)} / ${formatAmount(status.unit, status.limit)} ${unitLabel(status.unit)}`,
  formatAmount(status.unit, status.remaining),
  formatAmount(status.unit, status.burnRatePerHour),
  status.projectedAtPeriodEnd === null ? null : formatAmount(status.unit, status.projectedAtPeriodEnd),
  status.hot ? 'HOT' : null,
  status.resetsAt === null ? 'never' : formatTimestamp(status.resetsAt),
];

const showStatus: CommandRun = async (context, args) => {
  const { values, positionals } = parseOrUsage(budgetsUsage, () =>
    parseArgs({ args, strict: true, allowPositionals: true, options: jsonOption }),
  );
  if (values.help === true) return printUsage(context, budgetsUsage);
  const [id] = positionals.length === 0 ? [] : expectPositionals(positionals, ['id'], budgetsUsage);
  const client = createAdminClient(context);
  const data =
    id === undefined
      ? (await client.call({ method: 'GET', path: '/api/v1/budgets/status', schema: listOf(budgetStatusSchema) })).data
      : [
          await client.call({
            method: 'GET',
            path: `/api/v1/budgets/${encodeURIComponent(id)}/status`,
            schema: budgetStatusSchema,
          }),
        ];
  if (values.json === true) printJson(context, id === undefined ? { data } : data[0]);
  else if (data.length === 0) context.stdout.write('No budgets.\n');
  else
    context.stdout.write(
      formatTable(
        ['ID', 'SCOPE', 'USED / LIMIT', 'REMAINING', 'BURN/H', 'PROJECTED', 'HOT', 'RESETS (UTC)'],
        data.map(statusRow),
      ),
    );
  return 0;
};

const createBudget: CommandRun = async (context, args) => {
  const { values } = parseOrUsage(budgetsUsage, () =>
    parseArgs({ args, strict: true, options: { ...jsonOption, file: { type: 'string' } } }),
  );
  if (values.help === true) return printUsage(context, budgetsUsage);
  const body = await readJsonFile(context, requireOption(values.file, '--file', budgetsUsage));
  const budget = await createAdminClient(context).call({
    method: 'POST',
    path: '/api/v1/budgets',
    body,
    schema: listedBudgetSchema,
  });
  if (values.json === true) printJson(context, budget);
  else {
    context.stdout.write(
      `Saved budget ${budget.id}: ${formatScope(budget.scope)}, ${formatAmount(budget.unit, budget.limit)} ${unitLabel(budget.unit)} ` +
        `per ${budget.period} (${budget.mode}).\n`,
    );
  }
  return 0;
};

const deleteBudget: CommandRun = async (context, args) => {
  const { values, positionals } = parseOrUsage(budgetsUsage, () =>
    parseArgs({ args, strict: true, allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } }),
  );
  if (values.help === true) return printUsage(context, budgetsUsage);
  const [id = ''] = expectPositionals(positionals, ['id'], budgetsUsage);
  await createAdminClient(context).call({
    method: 'DELETE',
    path: `/api/v1/budgets/${encodeURIComponent(id)}`,
    schema: z.object({ id: z.string() }),
  });
  context.stdout.write(`Deleted budget ${id}.\n`);
  return 0;
};

/** `podium budgets …`: budgets, their live status, and budget requests through the admin API. */
export const budgetsCommand: CommandGroup = {
  name: 'budgets',
  summary: 'list, create and delete budgets, show their status, file and decide budget requests',
  usage: budgetsUsage,
  run: (context, args) =>
    runSubcommand({
      context,
      args,
      group: 'budgets',
      usage: budgetsUsage,
      subcommands: {
        list: listBudgets,
        status: showStatus,
        create: createBudget,
        delete: deleteBudget,
        ...budgetRequestSubcommands(budgetsUsage),
      },
    }),
};
