/**
 * A first start as a new user makes it: no podium.yaml, keys in the environment, maybe a local Ollama.
 * The README's calls, made with the official clients exactly as written, must be answered.
 */
import Anthropic from '@anthropic-ai/sdk';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, renderPodiumYaml } from '../config/index.js';
import { startPodium, type RunningPodium } from '../main.js';
import { FakeUpstream, loadJson, ownFixturePath } from '../testkit/index.js';
import { discoverProviders } from './discover-providers.js';

const adminKey = 'pa-first-run-admin-key-0123456789';
const openAIText = loadJson(ownFixturePath('openai/chat-text.json')) as { choices: { message: { content: string } }[] };
const anthropicText = loadJson(ownFixturePath('anthropic/text.json')) as { content: { text: string }[] };

interface FirstRun {
  podium: RunningPodium;
  logs: string[];
  /** Milliseconds from the call of startPodium to each log line. */
  loggedAt: number[];
  /** A virtual key, made as the README says (a team, then a key). */
  key: string;
  admin(path: string, init?: { method: string; body: unknown }): Promise<unknown>;
  modelIds(): Promise<string[]>;
}

const started: { close(): Promise<void> }[] = [];
afterAll(async () => {
  for (const item of started.reverse()) await item.close();
});

/** A port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Whether something answers TCP on a loopback port (the vLLM and LM Studio ports are probed on every first start). */
async function listening(port: number): Promise<boolean> {
  const { connect } = await import('node:net');
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.destroy();
      resolve(true);
    }).once('error', () => resolve(false));
  });
}

async function firstRun(env: Record<string, string>, files: Record<string, string> = {}): Promise<FirstRun> {
  const cwd = await mkdtemp(join(tmpdir(), 'podium-first-run-'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(cwd, name), text);
  const logs: string[] = [];
  const loggedAt: number[] = [];
  const startedAt = performance.now();
  const log = (line: string) => {
    logs.push(line);
    loggedAt.push(performance.now() - startedAt);
  };
  const podium = await startPodium({
    env: { PODIUM_PORT: '0', PODIUM_DATA_DIR: ':memory:', PODIUM_ADMIN_KEY: adminKey, ...env },
    cwd,
    log,
  });
  started.push(podium);
  const admin = async (path: string, init?: { method: string; body: unknown }): Promise<unknown> => {
    const response = await fetch(`${podium.url}${path}`, {
      method: init?.method ?? 'GET',
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
      body: init === undefined ? null : JSON.stringify(init.body),
    });
    return response.json();
  };
  await admin('/api/v1/teams', { method: 'POST', body: { name: 'payments' } });
  const { key } = (await admin('/api/v1/keys', { method: 'POST', body: { team: 'payments' } })) as { key: string };
  const modelIds = async () => {
    const response = await fetch(`${podium.url}/v1/models`, { headers: { authorization: `Bearer ${key}` } });
    return ((await response.json()) as { data: { id: string }[] }).data.map((model) => model.id);
  };
  return { podium, logs, loggedAt, key, admin, modelIds };
}

describe('a first start with keys in the environment and a local Ollama', () => {
  let run: FirstRun;
  let openaiUpstream: FakeUpstream;
  let anthropicUpstream: FakeUpstream;
  let ollama: FakeUpstream;
  let env: Record<string, string>;

  beforeAll(async () => {
    [openaiUpstream, anthropicUpstream, ollama] = await Promise.all([
      FakeUpstream.start(),
      FakeUpstream.start(),
      FakeUpstream.start(),
    ]);
    started.push(openaiUpstream, anthropicUpstream, ollama);
    openaiUpstream.always({ json: loadJson(ownFixturePath('openai/chat-text.json')) });
    anthropicUpstream.always({ json: loadJson(ownFixturePath('anthropic/text.json')) });
    ollama.always((request) =>
      request.path === '/v1/models'
        ? {
            json: {
              object: 'list',
              data: [
                { id: 'llama3.1:8b', object: 'model', owned_by: 'library' },
                { id: 'qwen2.5-coder:7b', object: 'model' },
              ],
            },
          }
        : { json: loadJson(ownFixturePath('openai/chat-text.json')) },
    );
    env = {
      OPENAI_API_KEY: 'sk-test-openai-secret',
      OPENAI_BASE_URL: `${openaiUpstream.url}/v1`,
      ANTHROPIC_API_KEY: 'sk-ant-test-secret',
      ANTHROPIC_BASE_URL: anthropicUpstream.url,
      OLLAMA_HOST: ollama.url.replace('http://', ''),
    };
    run = await firstRun(env);
  });

  it("answers the README's OpenAI example with the official client, priced from the built-in table", async () => {
    const client = new OpenAI({ baseURL: `${run.podium.url}/v1`, apiKey: run.key });

    const { data: completion, response } = await client.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello' }] })
      .withResponse();

    expect(completion.choices[0]?.message.content).toBe(openAIText.choices[0]?.message.content);
    const sent = openaiUpstream.requests.at(-1);
    expect(sent?.path).toBe('/v1/chat/completions');
    expect(sent?.headers.authorization).toBe('Bearer sk-test-openai-secret');
    expect(sent?.json).toMatchObject({ model: 'gpt-4o-mini' });
    const requestId = response.headers.get('x-podium-request-id');
    await expect
      .poll(
        async () =>
          (
            (await run.admin('/api/v1/requests?limit=10')) as { data: { id: string; costUsd: number | null }[] }
          ).data.find((row) => row.id === requestId)?.costUsd,
      )
      .toBeGreaterThan(0);
  });

  it("answers the README's Anthropic example (claude-sonnet) with the official client", async () => {
    const client = new Anthropic({ baseURL: run.podium.url, apiKey: run.key });

    const message = await client.messages.create({
      model: 'claude-sonnet',
      max_tokens: 512,
      messages: [{ role: 'user', content: 'Hello' }],
    });

    expect(message.content[0]).toEqual({ type: 'text', text: anthropicText.content[0]?.text });
    const sent = anthropicUpstream.requests.at(-1);
    expect(sent?.path).toBe('/v1/messages');
    expect(sent?.headers['x-api-key']).toBe('sk-ant-test-secret');
    expect(sent?.json).toMatchObject({ model: 'claude-sonnet-4-5' });
  });

  it("serves the local server's models by their names, unpriced", async () => {
    const client = new OpenAI({ baseURL: `${run.podium.url}/v1`, apiKey: run.key });

    await client.chat.completions.create({ model: 'llama3.1:8b', messages: [{ role: 'user', content: 'Hello' }] });

    expect(ollama.requests.at(-1)).toMatchObject({ path: '/v1/chat/completions', json: { model: 'llama3.1:8b' } });
    expect(await run.modelIds()).toEqual(
      expect.arrayContaining([
        'gpt-4o-mini',
        'gpt-4.1',
        'o4-mini',
        'claude-sonnet',
        'claude-haiku',
        'claude-opus',
        'claude-sonnet-4-5-20250929',
        'llama3.1:8b',
        'qwen2.5-coder:7b',
      ]),
    );
    expect(run.logs).toContain(
      'podium: WARNING model "llama3.1:8b" has a target without a price: its calls will be flagged as unpriced',
    );
    // Every vendor model a first start serves is in the built-in price table.
    expect(
      run.logs.filter((line) => line.includes('without a price') && !/llama3\.1:8b|qwen2\.5-coder:7b/.test(line)),
    ).toEqual([]);
  });

  it('prints one line per provider found, never a key', () => {
    const found = run.logs.filter((line) => /^podium: {3}\w+: /.test(line));
    expect(found).toEqual([
      'podium:   openai: key from OPENAI_API_KEY, endpoint from OPENAI_BASE_URL: 13 models (gpt-4o-mini, gpt-4o, gpt-4.1, gpt-4.1-mini, gpt-4.1-nano, gpt-5, …)',
      'podium:   anthropic: key from ANTHROPIC_API_KEY, endpoint from ANTHROPIC_BASE_URL: 11 models (claude-sonnet, claude-haiku, claude-opus, claude-sonnet-4-5, claude-sonnet-4-5-20250929, claude-haiku-4-5, …)',
      `podium:   ollama: Ollama at ${ollama.url}: 2 models (llama3.1:8b, qwen2.5-coder:7b)`,
    ]);
    expect(run.logs.join('\n')).not.toMatch(/sk-test-openai-secret|sk-ant-test-secret/);
  });

  it('serves exactly the models of the podium.yaml `podium init` writes for the same machine', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'podium-first-run-init-'));
    const yamlText = renderPodiumYaml((await discoverProviders({ env })).setup);
    await writeFile(join(dir, 'podium.yaml'), yamlText);

    const fromFile = await loadConfig({ env, cwd: dir });

    expect(yamlText).not.toMatch(/sk-test-openai-secret|sk-ant-test-secret/);
    expect(Object.keys(fromFile.models).sort()).toEqual((await run.modelIds()).sort());
    expect(fromFile.providers.openai).toMatchObject({
      apiKey: 'sk-test-openai-secret',
      baseUrl: `${openaiUpstream.url}/v1`,
    });
  });
});

describe('a first start with nothing to find', () => {
  it('says how to add a provider and serves no model, even with a hostile server on OLLAMA_HOST', async () => {
    const reserved = await Promise.all([8000, 1234].map(listening));
    // The vLLM and LM Studio ports are probed on every first start: this test needs them free.
    expect(reserved, 'something listens on 127.0.0.1:8000 or :1234').toEqual([false, false]);
    const stalling = await FakeUpstream.start();
    started.push(stalling);
    stalling.always({ hang: true });

    const run = await firstRun({ OLLAMA_HOST: stalling.url });

    // Detection is logged before the store opens: the stall cost the probe's 500 ms, not more (margin for a busy machine).
    expect(
      run.loggedAt[run.logs.indexOf('podium: no podium.yaml and no provider found: no model is served yet.')],
    ).toBeLessThan(2_000);
    expect(run.logs).toContain('podium: no podium.yaml and no provider found: no model is served yet.');
    expect(run.logs).toContain(
      'podium:   - set OPENAI_API_KEY (or ANTHROPIC_API_KEY, GEMINI_API_KEY) and start again; an Ollama (OLLAMA_HOST, default',
    );
    expect(run.logs).toContain(
      'podium:     `npx podium init` writes it from what it detects (docs/configuration.md, "First run").',
    );
    expect(run.logs).toContain(`podium:   note: Ollama at ${stalling.url} did not answer within 500 ms: ignored`);
    expect(await run.modelIds()).toEqual([]);
  });

  it('fails to start, naming the variable, when a base URL would send a key elsewhere', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'podium-first-run-'));
    const env = {
      PODIUM_PORT: '0',
      PODIUM_DATA_DIR: ':memory:',
      OPENAI_API_KEY: 'sk-x',
      OPENAI_BASE_URL: 'api.openai.com/v1',
      OLLAMA_HOST: `127.0.0.1:${await closedPort()}`,
    };

    await expect(startPodium({ env, cwd, log: () => undefined })).rejects.toThrow(
      /env OPENAI_BASE_URL: an http\(s\) URL/,
    );
  });
});

describe('a start with podium.yaml', () => {
  it('detects nothing: explicit configuration wins', async () => {
    const ollama = await FakeUpstream.start();
    started.push(ollama);
    ollama.always({ json: { data: [{ id: 'llama3.1:8b' }] } });
    const yaml =
      'providers:\n  mine: { type: openai, apiKey: "${OPENAI_API_KEY}" }\nmodels:\n  house-model: { targets: [{ provider: mine, model: gpt-4o-mini }] }\n';

    const run = await firstRun(
      { OPENAI_API_KEY: 'sk-x', ANTHROPIC_API_KEY: 'sk-ant-x', OLLAMA_HOST: ollama.url },
      { 'podium.yaml': yaml },
    );

    expect(await run.modelIds()).toEqual(['house-model']);
    expect(ollama.requests).toEqual([]);
    expect(run.logs.join('\n')).not.toMatch(/no podium\.yaml/);
  });
});
