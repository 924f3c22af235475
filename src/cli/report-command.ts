import { parseArgs } from 'node:util';
import { z } from 'zod';
import { spendGroupings, spendReportSchema, type SpendReport } from '../contract/index.js';
import { createAdminClient } from './admin-client.js';
import type { CommandGroup, CommandRun } from './cli-context.js';
import { UsageError } from './cli-error.js';
import { formatTable, formatTimestamp } from './format-table.js';
import { parseOrUsage, printUsage, requireOption, runSubcommand } from './parse-command.js';
import { printJson } from './print-json.js';

const usage = `Usage:
  podium report spend --period <YYYY|YYYY-MM|YYYY-MM-DD> [--by <grouping>] [--timezone <zone>] [--csv|--json]

Chargeback from the request ledger of the running Podium at PODIUM_URL (admin key: PODIUM_ADMIN_KEY):
calls, tokens and cost per group over a calendar period (see docs/chargeback.md).

  --period <period>  a year, a month or a day, e.g. 2026-11
  --by <grouping>    ${spendGroupings.join(', ')} (default team)
  --timezone <zone>  IANA time zone of the period's boundaries (default UTC), e.g. Europe/Paris
  --csv              print CSV (one row per group, costs with every digit) for spreadsheets
  --json             print the API response as JSON
`;

/** Costs of a dollar or more in cents; smaller ones keep six decimals so a light user does not read as $0.00. */
const formatUsd = (value: number): string => `$${value >= 1 || value === 0 ? value.toFixed(2) : value.toFixed(6)}`;

function printTable(context: Parameters<CommandRun>[0], report: SpendReport): void {
  if (report.rows.length === 0) context.stdout.write('No calls in this period.\n');
  else {
    const headers = [report.by.toUpperCase(), 'ID', 'REQUESTS', 'INPUT TOKENS', 'OUTPUT TOKENS', 'COST', 'UNPRICED'];
    const rows = report.rows.map((row) => [
      row.label ?? row.group ?? '(none)',
      row.label === null ? null : row.group,
      row.requests,
      row.inputTokens,
      row.outputTokens,
      formatUsd(row.costUsd),
      row.unpricedRequests,
    ]);
    context.stdout.write(formatTable(headers, rows));
  }
  context.stdout.write(
    `Total ${formatUsd(report.totalUsd)} from ${formatTimestamp(report.from)} to ${formatTimestamp(report.to)} UTC\n`,
  );
  const unpriced = report.rows.reduce((sum, row) => sum + row.unpricedRequests, 0);
  if (unpriced > 0)
    context.stderr.write(
      `warning: ${unpriced} UNPRICED call(s) are not in the cost: give their models a price in podium.yaml\n`,
    );
}

const spend: CommandRun = async (context, args) => {
  const { values } = parseOrUsage(usage, () =>
    parseArgs({
      args,
      strict: true,
      options: {
        period: { type: 'string' },
        by: { type: 'string' },
        timezone: { type: 'string' },
        csv: { type: 'boolean' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }),
  );
  if (values.help === true) return printUsage(context, usage);
  if (values.csv === true && values.json === true) throw new UsageError('give --csv or --json, not both', usage);
  const query = { period: requireOption(values.period, '--period', usage), by: values.by, timezone: values.timezone };
  const client = createAdminClient(context);
  if (values.csv === true) {
    const csv = await client.call({
      method: 'GET',
      path: '/api/v1/reports/spend',
      query: { ...query, format: 'csv' },
      responseType: 'text',
      schema: z.string(),
    });
    context.stdout.write(csv);
    return 0;
  }
  const report = await client.call({ method: 'GET', path: '/api/v1/reports/spend', query, schema: spendReportSchema });
  if (values.json === true) printJson(context, report);
  else printTable(context, report);
  return 0;
};

/** `podium report spend`: chargeback by team, project, key, model, provider, tier or end user. */
export const reportCommand: CommandGroup = {
  name: 'report',
  summary: 'spend reports (chargeback) as a table, CSV or JSON',
  usage,
  run: (context, args) => runSubcommand({ context, args, group: 'report', usage, subcommands: { spend } }),
};
