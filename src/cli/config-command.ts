import { parseArgs } from 'node:util';
import type { CommandGroup, CommandRun } from './cli-context.js';
import { CliError } from './cli-error.js';
import { expectPositionals, parseOrUsage, printUsage, runSubcommand } from './parse-command.js';

const usage = `Usage:
  podium config check [--file <path>]

Validates podium.yaml and the PODIUM_* environment exactly as \`podium start\` would, listing every
problem with its path. Without --file: PODIUM_CONFIG, else ./podium.yaml, else the embedded defaults.

  --file <path>  the config file to check (sets PODIUM_CONFIG for this check)
`;

const check: CommandRun = async (context, args) => {
  const { values, positionals } = parseOrUsage(usage, () =>
    parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      options: { file: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }),
  );
  if (values.help === true) return printUsage(context, usage);
  expectPositionals(positionals, [], usage);
  const env = values.file === undefined ? context.env : { ...context.env, PODIUM_CONFIG: values.file };
  // Loaded on demand: the other commands never pay for the config parser.
  const { loadConfig } = await import('../server/config/index.js');
  let summary: string;
  try {
    const config = await loadConfig({ env, cwd: context.cwd });
    const providers = Object.keys(config.providers).length;
    const models = Object.keys(config.models).length;
    summary = `${config.source ?? 'no podium.yaml (embedded defaults)'}, ${plural(providers, 'provider')}, ${plural(models, 'model')}`;
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error), { cause: error });
  }
  context.stdout.write(`config OK: ${summary}\n`);
  return 0;
};

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** `podium config check`: validates the configuration without starting anything. */
export const configCommand: CommandGroup = {
  name: 'config',
  summary: 'check podium.yaml and the PODIUM_* environment',
  usage,
  run: (context, args) => runSubcommand({ context, args, group: 'config', usage, subcommands: { check } }),
};
