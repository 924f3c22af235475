import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createTestContext } from './cli-test-context.test-suite.js';
import { runCli } from './run-cli.js';

async function podium(...argv: string[]) {
  const context = createTestContext({ url: 'http://127.0.0.1:1' });
  const exitCode = await runCli({ ...context, argv });
  return { exitCode, stdout: context.stdout.text, stderr: context.stderr.text };
}

describe('podium', () => {
  it('lists every command with --help', async () => {
    const result = await podium('--help');

    expect(result.exitCode).toBe(0);
    for (const command of ['start', 'keys', 'teams', 'projects', 'requests', 'config'])
      expect(result.stdout).toMatch(new RegExp(`^ {2}${command} +\\S`, 'm'));
  });

  it('prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };

    expect(await podium('--version')).toEqual({ exitCode: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('prints a command group usage with <command> --help, and a subcommand with <command> <sub> --help', async () => {
    for (const argv of [
      ['keys', '--help'],
      ['keys', 'create', '--help'],
      ['requests', 'tail', '-h'],
      ['config', 'check', '--help'],
    ]) {
      const result = await podium(...argv);
      expect(result.exitCode).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`^Usage:\\n {2}podium ${argv[0]} `));
    }
  });

  it('exits 2 with usage on stderr for no command, an unknown command, subcommand or flag', async () => {
    const cases: [string[], RegExp][] = [
      [[], /^error: missing command\n\nUsage: podium <command>/],
      [['deploy'], /^error: unknown command "deploy"\n\nUsage: podium <command>/],
      [['keys'], /^error: podium keys needs a subcommand\n\nUsage:\n {2}podium keys create/],
      [['keys', 'delete'], /^error: unknown command "podium keys delete"\n\nUsage:\n {2}podium keys create/],
      [['teams', 'list', '--verbose'], /^error: Unknown option '--verbose'.*\n\nUsage:\n {2}podium teams create/s],
      [['keys', 'create', '--team'], /^error: Option '--team <value>' argument missing\n\nUsage:/],
    ];
    for (const [argv, stderr] of cases) {
      const result = await podium(...argv);
      expect(result).toMatchObject({ exitCode: 2, stdout: '' });
      expect(result.stderr).toMatch(stderr);
    }
  });
});
