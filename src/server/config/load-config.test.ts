import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PodiumError } from '../../contract/index.js';
import { loadConfig } from './load-config.js';

const issueExample = `
providers:
  openai:    { type: openai, apiKey: "\${OPENAI_API_KEY}" }
  anthropic: { type: anthropic, apiKey: "\${ANTHROPIC_API_KEY}" }
  local:     { type: openai-compatible, baseUrl: "http://127.0.0.1:11434/v1" }
models:
  gpt-4o-mini:
    targets:
      - { provider: openai, model: gpt-4o-mini-2024-07-18 }
      - { provider: local,  model: llama3.1:8b }
    price: { input: 0.15, output: 0.60, cachedInput: 0.075 }
`;

async function withFile(text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'podium-config-'));
  await writeFile(join(dir, 'podium.yaml'), text);
  return dir;
}

async function configError(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(PodiumError);
  expect((error as PodiumError).code).toBe('config_invalid');
  return (error as PodiumError).message;
}

describe('loadConfig', () => {
  it('starts with no file at all on embedded defaults', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'podium-empty-'));
    const config = await loadConfig({ env: {}, cwd });
    expect(config.source).toBeUndefined();
    expect(config.server).toEqual({
      host: '127.0.0.1',
      port: 4141,
      dataDir: join(cwd, '.podium'),
      databaseUrl: undefined,
      adminKey: undefined,
      redisUrl: undefined,
    });
    expect(config.providers).toEqual({});
    expect(config.gateway.maxBodyBytes).toBe(8 * 1024 * 1024);
  });

  it('accepts the shape from the issue and interpolates secrets from the environment', async () => {
    const cwd = await withFile(issueExample);
    const config = await loadConfig({
      env: { OPENAI_API_KEY: 'sk-test-1', ANTHROPIC_API_KEY: 'sk-ant-2', PODIUM_PORT: '5000' },
      cwd,
    });
    expect(config.providers.openai?.apiKey).toBe('sk-test-1');
    expect(config.providers.anthropic?.apiKey).toBe('sk-ant-2');
    expect(config.models['gpt-4o-mini']?.targets.map((target) => target.model)).toEqual([
      'gpt-4o-mini-2024-07-18',
      'llama3.1:8b',
    ]);
    expect(config.models['gpt-4o-mini']?.price).toEqual({ input: 0.15, output: 0.6, cachedInput: 0.075 });
    expect(config.server.port).toBe(5000);
    expect(config.source).toBe(join(cwd, 'podium.yaml'));
  });

  it('names the path of every problem at once', async () => {
    const cwd = await withFile(`
providers:
  openai: { type: opnai, apiKey: x }
  local: { type: openai-compatible }
models:
  fast:
    targets:
      - { provider: nowhere, model: m }
    price: { input: -1, output: 1 }
  empty: { targets: [] }
`);
    const message = await configError(loadConfig({ env: {}, cwd }));
    expect(message).toContain(
      'providers.openai.type: Invalid option: expected one of "openai"|"anthropic"|"azure-openai"|"gemini"|"openai-compatible"',
    );
    expect(message).toContain('models.fast.price.input: Too small: expected number to be >=0');
    expect(message).toContain('models.empty.targets: at least one target is required (or a router)');
  });

  it('reports unknown providers and missing per-type fields after the shape is valid', async () => {
    const cwd = await withFile(`
providers:
  local: { type: openai-compatible }
  anthropic: { type: anthropic }
models:
  fast: { targets: [{ provider: nowhere, model: m }] }
`);
    const message = await configError(loadConfig({ env: {}, cwd }));
    expect(message).toContain('providers.local.baseUrl: required for type openai-compatible');
    expect(message).toContain('providers.anthropic.apiKey: required for type anthropic');
    expect(message).toContain(
      'models.fast.targets[0].provider: unknown provider "nowhere"; expected one of local, anthropic',
    );
  });

  it('reports a missing environment variable at the path that uses it, and honours defaults', async () => {
    const cwd = await withFile(
      `providers:\n  openai: { type: openai, apiKey: "\${MISSING_KEY}" }\n  other: { type: openai, apiKey: "\${ALSO_MISSING:-sk-default}" }\n`,
    );
    const message = await configError(loadConfig({ env: {}, cwd }));
    expect(message).toContain('providers.openai.apiKey: environment variable MISSING_KEY is not set');
    expect(message).not.toContain('ALSO_MISSING');
  });

  it('rejects unknown keys as likely typos and bad environment values', async () => {
    const cwd = await withFile(`providers: {}\nmodles: {}\n`);
    const message = await configError(
      loadConfig({ env: { PODIUM_PORT: 'eighty', PODIUM_DATABASE_URL: 'mysql://x' }, cwd }),
    );
    expect(message).toContain('(root): Unrecognized key: "modles"');
    expect(message).toContain('env PODIUM_PORT: Invalid input: expected number, received NaN');
    expect(message).toContain('env PODIUM_DATABASE_URL: a postgres:// or postgresql:// URL');
  });

  it('reports YAML syntax errors with the file name and reads PODIUM_CONFIG', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'podium-explicit-'));
    await writeFile(join(dir, 'custom.yaml'), 'providers: [unclosed\n');
    const message = await configError(loadConfig({ env: { PODIUM_CONFIG: 'custom.yaml' }, cwd: dir }));
    expect(message).toContain(join(dir, 'custom.yaml'));
    await expect(loadConfig({ env: { PODIUM_CONFIG: 'absent.yaml' }, cwd: dir })).rejects.toThrow(
      /cannot read config file/,
    );
  });

  it('checks routed aliases, caches and compression against the models they name', async () => {
    const cwd = await withFile(`
providers:
  openai: { type: openai, apiKey: x }
models:
  cheap: { targets: [{ provider: openai, model: gpt-4o-mini }] }
  smart:
    router: { policy: learned, candidates: [cheap, ghost], reference: cheap, embedding: nowhere }
  nested:
    router: { policy: rules, candidates: [smart], reference: cheap, rules: [{ when: { pattern: "(" }, use: elsewhere }] }
  lonely:
    router: { policy: cascade, candidates: [cheap], reference: cheap, verify: { method: agreement }, embedding: local }
  both:
    targets: [{ provider: openai, model: gpt-4o }]
    router: { policy: cascade, candidates: [cheap], reference: cheap }
  summarised:
    targets: [{ provider: openai, model: gpt-4o }]
    compression: { maxInputTokens: 1000, strategy: summarize }
    cache: { semantic: { embedding: nowhere } }
`);
    const message = await configError(loadConfig({ env: {}, cwd }));
    for (const line of [
      'models.smart.router.candidates[1]: unknown model "ghost"',
      'models.smart.router.file: required for policy learned',
      'models.nested.router.candidates[0]: "smart" is itself routed; candidates must have targets',
      'models.nested.router.rules[0].use: "elsewhere" is not a candidate',
      'models.nested.router.rules[0].when.pattern: not a valid regular expression',
      'models.lonely.router.verify.method: agreement needs two candidates cheaper than the reference',
      'models.both.targets: a routed model has a router or targets, not both',
      'models.both.router.verify: required for policy cascade',
      'models.summarised.compression.summarizer: required for strategy summarize',
      'models.summarised.cache.semantic.embedding: unknown model "nowhere"',
      'models.smart.router.embedding: unknown model "nowhere"',
      'models.lonely.router.embedding: only for policy learned',
    ]) {
      expect(message).toContain(line);
    }
  });

  it('reads decisions from podium.yaml and its included files, naming the file of a bad one', async () => {
    const cwd = await withFile(`
decisions:
  include: [refund.yaml, broken.yaml, missing.yaml]
  definitions:
    - id: discount
      description: Give a discount
      owner: sales
      context: { percent: { schema: { type: number } } }
      risk: [{ when: { percent: { lte: 10 } }, outcome: auto }, { outcome: deny }]
`);
    await writeFile(
      join(cwd, 'refund.yaml'),
      'id: refund\ndescription: Refund an order\nowner: payments\nrisk: [{ outcome: approve, approvers: [alice], quorum: 2 }]\n',
    );
    await writeFile(
      join(cwd, 'broken.yaml'),
      '- id: discount\n  description: again\n  owner: x\n  risk: [{ outcome: auto, when: { nope: { lt: 1 } } }]\n',
    );
    const message = await configError(loadConfig({ env: {}, cwd }));
    expect(message).toContain('decisions.include[0] (refund.yaml).risk[0].quorum: 2 exceeds the 1 approvers');
    expect(message).toContain(
      'decisions.include[1] (broken.yaml)[0].risk[0].when.nope: "nope" is not a context field of this decision',
    );
    expect(message).toContain('decisions.include[2] (missing.yaml): ENOENT');

    await writeFile(
      join(cwd, 'refund.yaml'),
      'id: refund\ndescription: Refund an order\nowner: payments\nrisk: [{ outcome: approve, approvers: [alice] }]\n',
    );
    await writeFile(
      join(cwd, 'broken.yaml'),
      '- id: discount\n  description: again\n  owner: x\n  risk: [{ outcome: auto }]\n',
    );
    await writeFile(join(cwd, 'missing.yaml'), '[]\n');
    expect(await configError(loadConfig({ env: {}, cwd }))).toContain('decisions: duplicate decision id "discount"');
    await writeFile(join(cwd, 'broken.yaml'), '[]\n');
    const config = await loadConfig({ env: {}, cwd });
    expect(config.decisions.definitions.map((definition) => definition.id)).toEqual(['discount', 'refund']);
  });

  it('names roles that decisions use but nobody defined', async () => {
    const cwd = await withFile(`
roles: { finance: [frank] }
decisions:
  definitions:
    - id: refund
      description: Refund
      owner: payments
      makers: { roles: [agents] }
      risk: [{ outcome: approve, approvers: ["role:finance", "role:legal"] }]
      escalation: [["role:board"]]
`);
    const message = await configError(loadConfig({ env: {}, cwd }));
    expect(message).toContain('decisions (refund).makers.roles[0]: unknown role "agents"');
    expect(message).toContain('decisions (refund).risk[0].approvers[1]: unknown role "legal"');
    expect(message).toContain('decisions (refund).escalation[0][0]: unknown role "board"');
    expect(message).not.toContain('"finance"');
  });
});
