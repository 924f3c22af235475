/**
 * End to end: `podium start` runs the real server in-process (embedded store in memory) in front of a fake
 * OpenAI-compatible upstream, and the management commands talk to it over HTTP, so the CLI and the admin
 * API are checked against each other, ledger and UNPRICED marker included.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createdKeySchema, keySchema, listOf, requestPageSchema, type CreatedKey } from '../contract/index.js';
import { createTestContext, type TestContext } from './cli-test-context.test-suite.js';
import { runCli } from './run-cli.js';

const adminKey = 'podium-cli-test-admin-key';
let server: TestContext;
let running: Promise<number>;
let url: string;
let upstream: Server;

/** Answers every chat completion with 12 tokens in, 3 out, echoing the model. */
async function startUpstream(): Promise<string> {
  upstream = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      const { model } = JSON.parse(body) as { model: string };
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          id: 'chatcmpl-1',
          object: 'chat.completion',
          created: 1748779200,
          model,
          choices: [{ index: 0, message: { role: 'assistant', content: 'hi' }, finish_reason: 'stop' }],
          usage: { prompt_tokens: 12, completion_tokens: 3, total_tokens: 15 },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(upstream.address() as { port: number }).port}/v1`;
}

beforeAll(async () => {
  const cwd = await mkdtemp(join(tmpdir(), 'podium-cli-start-'));
  await writeFile(
    join(cwd, 'podium.yaml'),
    [
      'providers:',
      `  local: { type: openai-compatible, baseUrl: "${await startUpstream()}" }`,
      'models:',
      '  local-llama: { targets: [{ provider: local, model: llama3 }] }',
      '  gpt-4o-mini: { targets: [{ provider: local, model: gpt-4o-mini }] }',
      'ledger: { flushIntervalMs: 20 }',
    ].join('\n'),
  );
  server = {
    ...createTestContext({ env: { PODIUM_PORT: '0', PODIUM_DATA_DIR: ':memory:', PODIUM_ADMIN_KEY: adminKey } }),
    cwd,
  };
  running = runCli({ ...server, argv: ['start'] });
  for (;;) {
    const match = /listening on (\S+)/.exec(server.stdout.text);
    if (match?.[1] !== undefined) {
      url = match[1];
      break;
    }
    if (server.stderr.text !== '') throw new Error(server.stderr.text);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
});

afterAll(async () => {
  server.abort();
  expect(await running).toBe(0);
  await new Promise((resolve) => upstream.close(resolve));
});

async function podium(...argv: string[]) {
  const context = createTestContext({ url, adminKey });
  const exitCode = await runCli({ ...context, argv });
  return { exitCode, stdout: context.stdout.text, stderr: context.stderr.text };
}

describe('podium start with the management commands', () => {
  it('creates a team, a project and a key, lists and revokes it', async () => {
    expect(await podium('teams', 'create', 'platform')).toMatchObject({ exitCode: 0, stderr: '' });
    expect(await podium('projects', 'create', '--team', 'platform', 'web')).toMatchObject({ exitCode: 0, stderr: '' });

    const created = await podium(
      'keys',
      'create',
      '--team',
      'platform',
      '--project',
      'web',
      '--name',
      'ci',
      '--allow-model',
      'gpt-4o-mini',
      '--json',
    );
    expect(created.stderr).toBe('');
    const key = createdKeySchema.parse(JSON.parse(created.stdout));
    expect(key).toMatchObject({ teamName: 'platform', projectName: 'web', name: 'ci', allowedModels: ['gpt-4o-mini'] });

    const listed = listOf(keySchema).parse(
      JSON.parse((await podium('keys', 'list', '--team', 'platform', '--json')).stdout),
    );
    expect(listed.data.map((one) => one.id)).toEqual([key.id]);
    expect((await podium('keys', 'list')).stdout).toContain(`${key.id}  ${key.prefix}  ci`);

    expect(await podium('keys', 'revoke', key.prefix)).toMatchObject({
      exitCode: 0,
      stdout: `Revoked key ${key.id} (${key.prefix}) of team platform.\n`,
    });
    expect((await podium('keys', 'list', '--json')).stdout).toContain('"data": []');
    expect((await podium('keys', 'list', '--all')).stdout).toContain(key.id);
  });

  it('reports the server errors: conflict, not found, validation and a wrong admin key', async () => {
    await podium('teams', 'create', 'data');

    expect(await podium('teams', 'create', 'data')).toMatchObject({
      exitCode: 1,
      stderr: expect.stringMatching(/^error: .+ \(conflict/) as unknown,
    });
    expect(await podium('keys', 'create', '--team', 'nobody')).toMatchObject({
      exitCode: 1,
      stderr: expect.stringMatching(/^error: .+ \(not_found/) as unknown,
    });
    expect(await podium('teams', 'create', '!')).toMatchObject({
      exitCode: 1,
      stderr: expect.stringMatching(/^error: .+ \(invalid_request, param name\)\n$/) as unknown,
    });
    const context = createTestContext({ url, adminKey: 'wrong-admin-key-0000' });
    expect(await runCli({ ...context, argv: ['teams', 'list'] })).toBe(1);
    expect(context.stderr.text).toMatch(/^error: .+ \(invalid_api_key\)\n$/);
  });

  it('lists and tails the ledger, each call once, marking the unpriced one', async () => {
    expect(await podium('requests', 'list', '--until', '2000-01-01T00:00:00Z')).toEqual({
      exitCode: 0,
      stdout: 'No requests.\n',
      stderr: '',
    });
    await podium('teams', 'create', 'ledger');
    const key = createdKeySchema.parse(
      JSON.parse((await podium('keys', 'create', '--team', 'ledger', '--json')).stdout),
    );
    await chat(key, 'gpt-4o-mini');
    await chat(key, 'local-llama');
    await ledgerHolds(key, 2);

    const listed = await podium('requests', 'list', '--team', 'ledger');
    expect(listed.stdout).toMatch(
      /^\S+ \S+ {2}200 {2}ledger {2}local-llama→llama3 {2}in 12 out 3 {2}UNPRICED {2}\d+ms\n\S+ \S+ {2}200 {2}ledger {2}gpt-4o-mini→gpt-4o-mini {2}in 12 out 3 {2}\$0\.\d{6} {2}\d+ms\n$/,
    );
    expect(listed.stderr).toBe('warning: 1 UNPRICED call(s): give their models a price in podium.yaml\n');

    const context = createTestContext({ url, adminKey });
    const steps = [
      async () => {
        await chat(key, 'gpt-4o-mini');
        await ledgerHolds(key, 3);
      },
      () => Promise.resolve(),
    ];
    context.sleep = async () => {
      const step = steps.shift();
      if (step === undefined) context.abort();
      else await step();
    };
    expect(await runCli({ ...context, argv: ['requests', 'tail', '--key', key.id] })).toBe(0);
    const lines = context.stdout.text.trim().split('\n');
    expect(lines.map((line) => /(\S+→\S+)/.exec(line)?.[1])).toEqual([
      'gpt-4o-mini→gpt-4o-mini',
      'local-llama→llama3',
      'gpt-4o-mini→gpt-4o-mini',
    ]);
  });
});

async function chat(key: CreatedKey, model: string): Promise<void> {
  const response = await fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key.key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hello' }] }),
  });
  expect(response.status).toBe(200);
  await response.text();
}

/** Waits for the server's batched ledger writer to store `count` calls of this key. */
async function ledgerHolds(key: CreatedKey, count: number): Promise<void> {
  for (;;) {
    const page = requestPageSchema.parse(
      JSON.parse((await podium('requests', 'list', '--key', key.id, '--json')).stdout),
    );
    if (page.data.length >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
