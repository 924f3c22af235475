import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import type { CommandGroup, CommandRun } from './cli-context.js';
import { CliError } from './cli-error.js';
import { expectPositionals, parseOrUsage, printUsage, runSubcommand } from './parse-command.js';

const usage = `Usage:
  podium policy test <cases.yaml> [--file <podium.yaml>]

Runs policy test cases against the Cedar policies podium.yaml configures (files and inline), offline.
Each case is a request (principal, action, resource, context) and the decision it must get, and
optionally the policies that must decide it. Exit code 1 when a case fails.

  --file <path>  the config file (default: PODIUM_CONFIG, else ./podium.yaml)
`;

const test: CommandRun = async (context, args) => {
  const { values, positionals } = parseOrUsage(usage, () =>
    parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      options: { file: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }),
  );
  if (values.help === true) return printUsage(context, usage);
  const [casesPath] = expectPositionals(positionals, ['cases.yaml'], usage);
  const env = values.file === undefined ? context.env : { ...context.env, PODIUM_CONFIG: values.file };
  // Loaded on demand: the other commands never pay for the config parser or Cedar.
  const [{ loadConfig }, policies] = await Promise.all([
    import('../server/config/index.js'),
    import('../server/governance/policies/index.js'),
  ]);
  const config = await loadConfig({ env, cwd: context.cwd });
  if (!config.policies) throw new CliError(`${config.source ?? 'the configuration'} has no policies section`);
  const loaded = policies.loadPolicies({
    files: config.policies.files,
    texts: config.policies.inline,
    baseDir: config.source ? dirname(config.source) : context.cwd,
    // decision.make cases see the decisions' context fields, typed as the server types them.
    decisions: config.decisions.definitions,
  });
  const path = isAbsolute(casesPath ?? '') ? (casesPath ?? '') : resolve(context.cwd, casesPath ?? '');
  const parsed = policies.policyTestFileSchema.safeParse(parseYaml(await readFile(path, 'utf8')));
  if (!parsed.success) {
    throw new CliError(
      `${casesPath}: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ')}`,
    );
  }
  const results = policies.runPolicyTests({ policies: loaded, file: parsed.data });
  for (const result of results) {
    const decided = result.answer.policies.length > 0 ? ` (${result.answer.policies.join(', ')})` : ' (default deny)';
    context.stdout.write(
      result.passed
        ? `PASS  ${result.name}: ${result.answer.decision}${decided}\n`
        : `FAIL  ${result.name}: ${result.failure ?? ''}\n`,
    );
  }
  const failed = results.filter((result) => !result.passed).length;
  context.stdout.write(`\n${results.length - failed} passed, ${failed} failed\n`);
  return failed === 0 ? 0 : 1;
};

/** `podium policy test`: policy test cases, offline. */
export const policyCommand: CommandGroup = {
  name: 'policy',
  summary: 'test Cedar policies against test cases (offline)',
  usage,
  run: (context, args) => runSubcommand({ context, args, group: 'policy', usage, subcommands: { test } }),
};
