/** Policies over model calls, end to end: the official OpenAI client against a real Podium with Cedar policies. */
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { loadJson, ownFixturePath, startTestPodium, type TestPodium } from '../../testkit/index.js';

const chatText = loadJson(ownFixturePath('openai/chat-text.json'));

const models = `
  fast:
    targets: [{ provider: openai, model: gpt-4.1-mini }]
    price: { input: 0.4, output: 1.6 }
  local:
    targets: [{ provider: ollama, model: llama3.1:8b }]
    price: { input: 0, output: 0 }
`;

const policies = (mode: string) => `
policies:
  mode: ${mode}
  inline:
    team.cedar: |
      @id("test-team-models")
      permit(principal in Podium::Team::"test", action == Podium::Action::"model.call", resource)
      when { !resource.external };

      @id("test-team-fast")
      permit(principal in Podium::Team::"test", action == Podium::Action::"model.call", resource == Podium::Model::"fast");

      @id("no-scraper-agent")
      forbid(principal, action == Podium::Action::"model.call", resource)
      when { context has agent && context.agent == "scraper" };

      @id("no-batch-on-openai")
      forbid(principal, action == Podium::Action::"model.call", resource)
      when { principal is Podium::Key && principal.tier == "batch" && resource.provider == "openai" };
`;

let podium: TestPodium | undefined;
afterEach(async () => podium?.close());

/** The policy entries of the audit trail, once `count` are there (a log-only denial is appended after the call goes on). */
async function policyEntries(running: TestPodium, count: number) {
  for (let attempt = 0; ; attempt += 1) {
    const entries = (await running.auditEntries()).filter((entry) => entry.kind === 'policy');
    if (entries.length >= count || attempt === 100)
      return entries.map((entry) => ({
        actor: entry.actor,
        subject: entry.subject,
        payload: JSON.parse(entry.payloadJson) as Record<string, unknown>,
      }));
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function start(mode: string): Promise<TestPodium> {
  podium = await startTestPodium({
    providers: { openai: 'openai', ollama: 'openai-compatible' },
    modelsYaml: models,
    extraYaml: policies(mode),
  });
  return podium;
}

describe('model-call policies', () => {
  it('permits by policy, denies by forbid naming it, and the answer reaches the client in its own error shape', async () => {
    const running = await start('enforce');
    running.upstreams.openai?.enqueue({ json: chatText });
    const client = new OpenAI({ baseURL: `${running.url}/v1`, apiKey: running.key, maxRetries: 0 });
    const allowed = await client.chat.completions.create({
      model: 'fast',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(allowed.choices[0]?.message.content).toBeTruthy();

    const batch = await running.admin('POST', '/api/v1/keys', { team: 'test', name: 'nightly', tier: 'batch' });
    const batchClient = new OpenAI({
      baseURL: `${running.url}/v1`,
      apiKey: (batch.json as { key: string }).key,
      maxRetries: 0,
    });
    const denied = await batchClient.chat.completions
      .create({ model: 'fast', messages: [{ role: 'user', content: 'hi' }] })
      .catch((error: unknown) => error);
    expect(denied).toBeInstanceOf(OpenAI.PermissionDeniedError);
    const error = denied as InstanceType<typeof OpenAI.PermissionDeniedError>;
    expect(error.status).toBe(403);
    expect(error.code).toBe('policy_denied');
    expect(error.message).toMatch(
      /model\.call on model "fast" by key key_\w+ \(team test\): forbidden by policy "no-batch-on-openai"/,
    );
    expect(running.upstreams.openai?.requests).toHaveLength(1);
    const batchKey = (batch.json as { id: string }).id;
    expect(await policyEntries(running, 1)).toEqual([
      {
        actor: `key:${batchKey}`,
        subject: expect.stringMatching(/.+/) as string,
        payload: {
          action: 'model.call',
          resource: { type: 'Model', id: 'fast' },
          policies: ['no-batch-on-openai'],
          enforced: true,
          message: error.message.replace(/^403 /, ''),
          context: { dataClasses: [], requestedModel: 'fast', tags: [] },
        },
      },
    ]);
  });

  it('sees the calling agent (x-podium-agent) in the context', async () => {
    const running = await start('enforce');
    running.upstreams.openai?.enqueue({ json: chatText });
    const client = new OpenAI({ baseURL: `${running.url}/v1`, apiKey: running.key, maxRetries: 0 });
    const scraper = await client.chat.completions
      .create(
        { model: 'fast', messages: [{ role: 'user', content: 'hi' }] },
        { headers: { 'x-podium-agent': 'scraper' } },
      )
      .catch((error: unknown) => error);
    expect((scraper as Error).message).toContain('forbidden by policy "no-scraper-agent"');
    const helper = await client.chat.completions.create(
      { model: 'fast', messages: [{ role: 'user', content: 'hi' }] },
      { headers: { 'x-podium-agent': 'helper' } },
    );
    expect(helper.choices).toHaveLength(1);
  });

  it('denies by default when no policy permits', async () => {
    const running = await start('enforce');
    await running.admin('POST', '/api/v1/teams', { name: 'other' });
    const key = await running.admin('POST', '/api/v1/keys', { team: 'other', name: 'o' });
    const client = new OpenAI({
      baseURL: `${running.url}/v1`,
      apiKey: (key.json as { key: string }).key,
      maxRetries: 0,
    });
    const denied = (await client.chat.completions
      .create({ model: 'local', messages: [{ role: 'user', content: 'hi' }] })
      .catch((error: unknown) => error)) as Error;
    expect(denied.message).toContain('(team other): no policy permits it (default deny)');
  });

  it('log-only: records what would be denied and lets the call through with a warning', async () => {
    const running = await start('log-only');
    running.upstreams.openai?.enqueue({ json: chatText });
    const batch = await running.admin('POST', '/api/v1/keys', { team: 'test', name: 'nightly', tier: 'batch' });
    const client = new OpenAI({
      baseURL: `${running.url}/v1`,
      apiKey: (batch.json as { key: string }).key,
      maxRetries: 0,
    });
    const { response } = await client.chat.completions
      .create({ model: 'fast', messages: [{ role: 'user', content: 'hi' }] })
      .withResponse();
    expect(response.status).toBe(200);
    expect(response.headers.get('x-podium-warning')).toMatch(
      /^policy \(log-only\) would deny: .*forbidden by policy "no-batch-on-openai"/,
    );
    const metrics = await (await fetch(`${running.url}/metrics`)).text();
    expect(metrics).toMatch(/podium_policy_checks_total\{action="model.call",outcome="would-deny"\} 1/);
    expect(await policyEntries(running, 1)).toMatchObject([
      {
        actor: `key:${(batch.json as { id: string }).id}`,
        payload: { action: 'model.call', policies: ['no-batch-on-openai'], enforced: false },
      },
    ]);
  });

  it('refuses to start with a policy that does not validate, naming where', async () => {
    await expect(
      startTestPodium({
        providers: { openai: 'openai' },
        modelsYaml: '  fast: { targets: [{ provider: openai, model: m }] }',
        extraYaml:
          'policies:\n  inline:\n    bad.cedar: \'permit(principal, action == Podium::Action::"model.call", resource) when { resource.cost > 1 };\'',
      }),
    ).rejects.toThrow(/bad\.cedar:1:\d+ \(policy bad\.cedar#1\): .*attribute `cost`/);
  });
});
