import { parseArgs } from 'node:util';
import { createdKeySchema, keySchema, listOf, type CreateKeyBody, type Key } from '../contract/index.js';
import { createAdminClient } from './admin-client.js';
import { UsageError } from './cli-error.js';
import type { CommandGroup, CommandRun } from './cli-context.js';
import { formatTable, formatTimestamp } from './format-table.js';
import { expectPositionals, parseOrUsage, printUsage, requireOption, runSubcommand } from './parse-command.js';
import { printJson } from './print-json.js';

const usage = `Usage:
  podium keys create --team <team> [--project <project>] [--name <name>] [--allow-model <model>]... [--tier critical|standard|batch] [--json]
  podium keys list [--team <team>] [--all] [--json]
  podium keys revoke <id-or-prefix> [--json]

Manage virtual keys on the running Podium at PODIUM_URL (admin key: PODIUM_ADMIN_KEY).

  --team <team>          team name or id
  --project <project>    project name or id, within the team
  --name <name>          a label for the key
  --allow-model <model>  a model alias the key may call (repeatable; default: every model)
  --tier <tier>          priority when a budget runs hot: critical, standard (default) or batch
  --all                  list revoked keys too
  --json                 print the API response as JSON
`;

const keyList = listOf(keySchema);

function parseTier(value: string | undefined): CreateKeyBody['tier'] {
  if (value === undefined) return undefined;
  if (value === 'critical' || value === 'standard' || value === 'batch') return value;
  throw new UsageError(`--tier must be critical, standard or batch, not "${value}"`, usage);
}

const createKey: CommandRun = async (context, args) => {
  const { values } = parseOrUsage(usage, () =>
    parseArgs({
      args,
      strict: true,
      options: {
        team: { type: 'string' },
        project: { type: 'string' },
        name: { type: 'string' },
        'allow-model': { type: 'string', multiple: true },
        tier: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }),
  );
  if (values.help === true) return printUsage(context, usage);
  const body: CreateKeyBody = {
    team: requireOption(values.team, '--team', usage),
    project: values.project,
    name: values.name,
    allowedModels: values['allow-model'],
    tier: parseTier(values.tier),
  };
  const created = await createAdminClient(context).call({
    method: 'POST',
    path: '/api/v1/keys',
    body,
    schema: createdKeySchema,
  });
  if (values.json === true) {
    printJson(context, created);
    return 0;
  }
  context.stdout.write(
    `Created key ${created.id} (${created.prefix}) for team ${created.teamName}` +
      `${created.projectName === null ? '' : `, project ${created.projectName}`}.\n` +
      `Allowed models: ${allowedModels(created)}\nTier: ${created.tier}\n\n` +
      `  ${created.key}\n\n` +
      'Copy this secret now: it will not be shown again.\n',
  );
  return 0;
};

const listKeys: CommandRun = async (context, args) => {
  const { values } = parseOrUsage(usage, () =>
    parseArgs({
      args,
      strict: true,
      options: {
        team: { type: 'string' },
        all: { type: 'boolean' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }),
  );
  if (values.help === true) return printUsage(context, usage);
  const query = { team: values.team, includeRevoked: values.all === true ? 'true' : undefined };
  const { data } = await createAdminClient(context).call({
    method: 'GET',
    path: '/api/v1/keys',
    query,
    schema: keyList,
  });
  if (values.json === true) {
    printJson(context, { data });
    return 0;
  }
  if (data.length === 0) {
    context.stdout.write('No keys.\n');
    return 0;
  }
  const headers = ['ID', 'PREFIX', 'NAME', 'TEAM', 'PROJECT', 'ALLOWED MODELS', 'CREATED', 'REVOKED'];
  const rows = data.map((key) => [
    key.id,
    key.prefix,
    key.name,
    key.teamName,
    key.projectName,
    allowedModels(key),
    formatTimestamp(key.createdAt),
    key.revokedAt === null ? null : formatTimestamp(key.revokedAt),
  ]);
  context.stdout.write(formatTable(headers, rows));
  return 0;
};

const revokeKey: CommandRun = async (context, args) => {
  const { values, positionals } = parseOrUsage(usage, () =>
    parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    }),
  );
  if (values.help === true) return printUsage(context, usage);
  const [reference = ''] = expectPositionals(positionals, ['id-or-prefix'], usage);
  const path = `/api/v1/keys/${encodeURIComponent(reference)}/revoke`;
  const key = await createAdminClient(context).call({ method: 'POST', path, schema: keySchema });
  if (values.json === true) printJson(context, key);
  else context.stdout.write(`Revoked key ${key.id} (${key.prefix}) of team ${key.teamName}.\n`);
  return 0;
};

function allowedModels(key: Key): string {
  return key.allowedModels === null ? 'all' : key.allowedModels.join(',');
}

/** `podium keys create|list|revoke`: virtual keys through the admin API. */
export const keysCommand: CommandGroup = {
  name: 'keys',
  summary: 'create, list and revoke virtual keys',
  usage,
  run: (context, args) =>
    runSubcommand({
      context,
      args,
      group: 'keys',
      usage,
      subcommands: { create: createKey, list: listKeys, revoke: revokeKey },
    }),
};
