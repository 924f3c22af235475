import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../server/config/index.js';
import { createTestContext } from './cli-test-context.test-suite.js';
import { runCli } from './run-cli.js';

let ollama: Server;
let ollamaHost: string;
let closedHost: string;

beforeAll(async () => {
  ollama = createServer((request, response) => {
    response.writeHead(request.url === '/v1/models' ? 200 : 404, { 'content-type': 'application/json' });
    response.end(
      request.url === '/v1/models'
        ? JSON.stringify({ object: 'list', data: [{ id: 'llama3.2:3b', object: 'model' }] })
        : '{}',
    );
  });
  await new Promise<void>((resolve) => ollama.listen(0, '127.0.0.1', resolve));
  ollamaHost = `127.0.0.1:${(ollama.address() as { port: number }).port}`;
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  closedHost = `127.0.0.1:${(closed.address() as { port: number }).port}`;
  await new Promise((resolve) => closed.close(resolve));
});
afterAll(async () => new Promise((resolve) => ollama.close(resolve)));

async function init(env: NodeJS.ProcessEnv, ...args: string[]) {
  const cwd = await mkdtemp(join(tmpdir(), 'podium-cli-init-'));
  return initIn(cwd, env, ...args);
}

async function initIn(cwd: string, env: NodeJS.ProcessEnv, ...args: string[]) {
  const context = {
    ...createTestContext({ env: { PODIUM_ADMIN_KEY: undefined, PODIUM_URL: undefined, ...env } }),
    cwd,
  };
  const exitCode = await runCli({ ...context, argv: ['init', ...args] });
  return { cwd, exitCode, stdout: context.stdout.text, stderr: context.stderr.text };
}

describe('podium init', () => {
  it('writes the podium.yaml of what it found, keys as ${VAR} references, and says where', async () => {
    const env = { OPENAI_API_KEY: 'sk-init-secret', OLLAMA_HOST: ollamaHost };

    const result = await init(env);

    const path = join(result.cwd, 'podium.yaml');
    expect(result).toMatchObject({ exitCode: 0, stderr: '' });
    expect(result.stdout).toBe(
      [
        'Found:',
        '  openai: key from OPENAI_API_KEY: 13 models (gpt-4o-mini, gpt-4o, gpt-4.1, gpt-4.1-mini, gpt-4.1-nano, gpt-5, …)',
        `  ollama: Ollama at http://${ollamaHost}: 1 model (llama3.2:3b)`,
        `Wrote ${path}`,
        '',
      ].join('\n'),
    );
    const text = await readFile(path, 'utf8');
    expect(text).toContain('  openai: { type: openai, apiKey: "${OPENAI_API_KEY}" }');
    expect(text).toMatch(/^# .*podium init/);
    expect(text).not.toContain('sk-init-secret');
    const config = await loadConfig({ env, cwd: result.cwd });
    expect(config.source).toBe(path);
    expect(config.providers.openai?.apiKey).toBe('sk-init-secret');
    expect(config.models['gpt-4o-mini']?.targets).toEqual([{ provider: 'openai', model: 'gpt-4o-mini', weight: 1 }]);
    expect(config.models['llama3.2:3b']?.targets).toEqual([{ provider: 'ollama', model: 'llama3.2:3b', weight: 1 }]);
  });

  it('refuses to overwrite a file without --force, and overwrites with it', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'podium-cli-init-'));
    await writeFile(join(cwd, 'podium.yaml'), 'models: {}\n');
    const env = { ANTHROPIC_API_KEY: 'k', OLLAMA_HOST: closedHost };

    const refused = await initIn(cwd, env);

    expect(refused).toMatchObject({
      exitCode: 1,
      stdout: '',
      stderr: `error: ${join(cwd, 'podium.yaml')} exists: not overwritten (use --force to replace it)\n`,
    });
    expect(await readFile(join(cwd, 'podium.yaml'), 'utf8')).toBe('models: {}\n');
    expect((await initIn(cwd, env, '--force')).exitCode).toBe(0);
    expect(await readFile(join(cwd, 'podium.yaml'), 'utf8')).toContain(
      'claude-sonnet: { targets: [{ provider: anthropic, model: claude-sonnet-4-5 }] }',
    );
  });

  it('writes to --file, else PODIUM_CONFIG', async () => {
    const env = { GEMINI_API_KEY: 'g', OLLAMA_HOST: closedHost };
    const explicit = await init({ ...env, PODIUM_CONFIG: 'ignored.yaml' }, '--file', 'conf/../mine.yaml');
    const fromEnv = await init({ ...env, PODIUM_CONFIG: 'other.yaml' });

    expect(explicit.stdout).toContain(`Wrote ${join(explicit.cwd, 'mine.yaml')}\n`);
    expect(fromEnv.stdout).toContain(`Wrote ${join(fromEnv.cwd, 'other.yaml')}\n`);
  });

  it('writes nothing when nothing is found, and says how to add a provider', async () => {
    const result = await init({ OLLAMA_HOST: closedHost });

    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain(
      'No provider found, so there is nothing to write yet.\nTo add a provider, either\n  - set OPENAI_API_KEY',
    );
    await expect(readFile(join(result.cwd, 'podium.yaml'), 'utf8')).rejects.toThrow(/ENOENT/);
  });

  it('rejects stray arguments', async () => {
    expect((await init({}, 'podium.yaml')).exitCode).toBe(2);
  });
});
