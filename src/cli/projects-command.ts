import { parseArgs } from 'node:util';
import { listOf, projectSchema, type CreateProjectBody } from '../contract/index.js';
import { createAdminClient } from './admin-client.js';
import type { CommandGroup, CommandRun } from './cli-context.js';
import { formatTable, formatTimestamp } from './format-table.js';
import { expectPositionals, parseOrUsage, printUsage, requireOption, runSubcommand } from './parse-command.js';
import { printJson } from './print-json.js';
import { createTeamNames } from './team-names.js';

const usage = `Usage:
  podium projects create --team <team> <name> [--json]
  podium projects list [--team <team>] [--json]

Manage projects (within teams) on the running Podium at PODIUM_URL (admin key: PODIUM_ADMIN_KEY).

  --team <team>  team name or id
  --json         print the API response as JSON
`;

const options = { team: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;

const createProject: CommandRun = async (context, args) => {
  const { values, positionals } = parseOrUsage(usage, () =>
    parseArgs({ args, strict: true, allowPositionals: true, options }),
  );
  if (values.help === true) return printUsage(context, usage);
  const [name = ''] = expectPositionals(positionals, ['name'], usage);
  const body: CreateProjectBody = { team: requireOption(values.team, '--team', usage), name };
  const project = await createAdminClient(context).call({
    method: 'POST',
    path: '/api/v1/projects',
    body,
    schema: projectSchema,
  });
  if (values.json === true) printJson(context, project);
  else context.stdout.write(`Created project ${project.name} (${project.id}) in team ${body.team}.\n`);
  return 0;
};

const listProjects: CommandRun = async (context, args) => {
  const { values } = parseOrUsage(usage, () => parseArgs({ args, strict: true, options }));
  if (values.help === true) return printUsage(context, usage);
  const client = createAdminClient(context);
  const { data } = await client.call({
    method: 'GET',
    path: '/api/v1/projects',
    query: { team: values.team },
    schema: listOf(projectSchema),
  });
  if (values.json === true) printJson(context, { data });
  else if (data.length === 0) context.stdout.write('No projects.\n');
  else {
    const teams = await createTeamNames(client)(data.map((project) => project.teamId));
    const rows = data.map((project) => [
      project.id,
      project.name,
      teams.get(project.teamId) ?? project.teamId,
      formatTimestamp(project.createdAt),
    ]);
    context.stdout.write(formatTable(['ID', 'NAME', 'TEAM', 'CREATED'], rows));
  }
  return 0;
};

/** `podium projects create|list`: projects through the admin API. */
export const projectsCommand: CommandGroup = {
  name: 'projects',
  summary: 'create and list projects within teams',
  usage,
  run: (context, args) =>
    runSubcommand({
      context,
      args,
      group: 'projects',
      usage,
      subcommands: { create: createProject, list: listProjects },
    }),
};
