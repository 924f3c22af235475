import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestContext } from './cli-test-context.test-suite.js';
import { runCli } from './run-cli.js';

const validConfig = `
providers:
  openai: { type: openai, apiKey: sk-test }
  local:  { type: openai-compatible, baseUrl: "http://127.0.0.1:11434/v1" }
models:
  gpt-4o-mini:
    targets:
      - { provider: openai, model: gpt-4o-mini-2024-07-18 }
      - { provider: local, model: "llama3.1:8b" }
`;

async function directory(files: Record<string, string> = {}): Promise<string> {
  const cwd = await mkdtemp(join(tmpdir(), 'podium-cli-config-'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(cwd, name), text);
  return cwd;
}

async function configCheck(options: { cwd: string; env?: NodeJS.ProcessEnv }, ...args: string[]) {
  const context = {
    ...createTestContext({ env: { PODIUM_ADMIN_KEY: undefined, PODIUM_URL: undefined, ...options.env } }),
    cwd: options.cwd,
  };
  const exitCode = await runCli({ ...context, argv: ['config', 'check', ...args] });
  return { exitCode, stdout: context.stdout.text, stderr: context.stderr.text };
}

describe('podium config check', () => {
  it('accepts running on the embedded defaults when there is no podium.yaml', async () => {
    expect(await configCheck({ cwd: await directory() })).toEqual({
      exitCode: 0,
      stdout: 'config OK: no podium.yaml (embedded defaults), 0 providers, 0 models\n',
      stderr: '',
    });
  });

  it('summarises ./podium.yaml', async () => {
    const cwd = await directory({ 'podium.yaml': validConfig });

    expect((await configCheck({ cwd })).stdout).toBe(`config OK: ${join(cwd, 'podium.yaml')}, 2 providers, 1 model\n`);
  });

  it('checks the file given with --file, relative to the working directory, over PODIUM_CONFIG', async () => {
    const cwd = await directory({ 'other.yaml': validConfig });

    const result = await configCheck({ cwd, env: { PODIUM_CONFIG: 'missing.yaml' } }, '--file', 'other.yaml');

    expect(result).toMatchObject({
      exitCode: 0,
      stdout: `config OK: ${join(cwd, 'other.yaml')}, 2 providers, 1 model\n`,
    });
  });

  it('prints every problem, one per line with its path, and exits 1', async () => {
    const cwd = await directory({
      'podium.yaml': 'providers:\n  openai: { type: opnai, apiKey: x }\nmodels:\n  empty: { targets: [] }\n',
    });

    const result = await configCheck({ cwd, env: { PODIUM_PORT: 'eighty' } });

    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.split('\n');
    expect(lines[0]).toBe(`error: invalid configuration in ${join(cwd, 'podium.yaml')}:`);
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}- env PODIUM_PORT: /));
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}- providers\.openai\.type: Invalid option/));
    expect(lines).toContainEqual(
      expect.stringMatching(/^ {2}- models\.empty\.targets: at least one target is required/),
    );
  });

  it('fails when --file does not exist', async () => {
    const cwd = await directory();

    const result = await configCheck({ cwd }, '--file', 'nope.yaml');

    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`^error: cannot read config file ${join(cwd, 'nope.yaml')}: ENOENT`));
  });

  it('rejects stray arguments', async () => {
    expect((await configCheck({ cwd: await directory() }, 'podium.yaml')).exitCode).toBe(2);
  });
});
