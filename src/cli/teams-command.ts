import { parseArgs } from 'node:util';
import { listOf, teamSchema } from '../contract/index.js';
import { createAdminClient } from './admin-client.js';
import type { CommandGroup, CommandRun } from './cli-context.js';
import { formatTable, formatTimestamp } from './format-table.js';
import { expectPositionals, parseOrUsage, printUsage, runSubcommand } from './parse-command.js';
import { printJson } from './print-json.js';

const usage = `Usage:
  podium teams create <name> [--json]
  podium teams list [--json]

Manage teams on the running Podium at PODIUM_URL (admin key: PODIUM_ADMIN_KEY).

  --json  print the API response as JSON
`;

const options = { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;

const createTeam: CommandRun = async (context, args) => {
  const { values, positionals } = parseOrUsage(usage, () =>
    parseArgs({ args, strict: true, allowPositionals: true, options }),
  );
  if (values.help === true) return printUsage(context, usage);
  const [name = ''] = expectPositionals(positionals, ['name'], usage);
  const team = await createAdminClient(context).call({
    method: 'POST',
    path: '/api/v1/teams',
    body: { name },
    schema: teamSchema,
  });
  if (values.json === true) printJson(context, team);
  else context.stdout.write(`Created team ${team.name} (${team.id}).\n`);
  return 0;
};

const listTeams: CommandRun = async (context, args) => {
  const { values } = parseOrUsage(usage, () => parseArgs({ args, strict: true, options }));
  if (values.help === true) return printUsage(context, usage);
  const { data } = await createAdminClient(context).call({
    method: 'GET',
    path: '/api/v1/teams',
    schema: listOf(teamSchema),
  });
  if (values.json === true) printJson(context, { data });
  else if (data.length === 0) context.stdout.write('No teams.\n');
  else
    context.stdout.write(
      formatTable(
        ['ID', 'NAME', 'CREATED'],
        data.map((team) => [team.id, team.name, formatTimestamp(team.createdAt)]),
      ),
    );
  return 0;
};

/** `podium teams create|list`: teams through the admin API. */
export const teamsCommand: CommandGroup = {
  name: 'teams',
  summary: 'create and list teams',
  usage,
  run: (context, args) =>
    runSubcommand({ context, args, group: 'teams', usage, subcommands: { create: createTeam, list: listTeams } }),
};
