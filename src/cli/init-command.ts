import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { CommandGroup } from './cli-context.js';
import { CliError } from './cli-error.js';
import { expectPositionals, parseOrUsage, printUsage } from './parse-command.js';

const usage = `Usage:
  podium init [--file <path>] [--force]

Detects what a start without podium.yaml would serve (OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY,
their *_BASE_URL; an Ollama, vLLM or LM Studio server on this machine) and writes the matching
podium.yaml. Keys are written as \${VAR} references, never their values. Refuses to overwrite a file.

  --file <path>  where to write (default: PODIUM_CONFIG, else ./podium.yaml)
  --force        overwrite an existing file
`;

/** `podium init`: writes the podium.yaml a first start would run on, so it can be edited. */
export const initCommand: CommandGroup = {
  name: 'init',
  summary: 'write podium.yaml for the providers found on this machine',
  usage,
  async run(context, args) {
    const { values, positionals } = parseOrUsage(usage, () =>
      parseArgs({
        args,
        strict: true,
        allowPositionals: true,
        options: { file: { type: 'string' }, force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      }),
    );
    if (values.help === true) return printUsage(context, usage);
    expectPositionals(positionals, [], usage);
    const path = resolve(context.cwd, values.file ?? (context.env.PODIUM_CONFIG?.trim() || 'podium.yaml'));
    // Loaded on demand, as `config check` does: the other commands never pay for them.
    const [{ describeDiscovery, discoverProviders }, { renderPodiumYaml }] = await Promise.all([
      import('../server/discovery/index.js'),
      import('../server/config/index.js'),
    ]);
    const discovery = await discoverProviders({ env: context.env });
    if (discovery.problems.length > 0)
      throw new CliError(`invalid environment:\n${discovery.problems.map((line) => `  - ${line}`).join('\n')}`);
    const report = describeDiscovery(discovery);
    const notes = report.notes.map((note) => `  ${note}\n`).join('');
    if (report.found.length === 0) {
      context.stderr.write(
        `No provider found, so there is nothing to write yet.\n${report.howTo.join('\n')}\n${notes}`,
      );
      return 1;
    }
    try {
      // `wx` checks and creates in one step: no window in which another writer's file is replaced.
      await writeFile(path, renderPodiumYaml(discovery.setup), {
        flag: values.force === true ? 'w' : 'wx',
        mode: 0o644,
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST')
        throw new CliError(`${path} exists: not overwritten (use --force to replace it)`);
      throw new CliError(`cannot write ${path}: ${(error as Error).message}`, { cause: error });
    }
    context.stdout.write(`Found:\n${report.found.map((line) => `  ${line}\n`).join('')}${notes}Wrote ${path}\n`);
    return 0;
  },
};
