/**
 * Data protection end to end with the official OpenAI client: cards blocked, emails redacted before
 * they reach an external provider, allowed to the local one — and a Cedar policy that sees which
 * personal data would leave.
 */
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { StoredAuditEntry } from '../../../contract/index.js';
import { loadJson, ownFixturePath, startTestPodium, type TestPodium } from '../../testkit/index.js';

const chatText = loadJson(ownFixturePath('openai/chat-text.json'));
let podium: TestPodium;
let client: OpenAI;

beforeAll(async () => {
  podium = await startTestPodium({
    providers: { openai: 'openai', ollama: 'openai-compatible' },
    modelsYaml: `
  fast: { targets: [{ provider: openai, model: gpt-4.1-mini }], price: { input: 0.4, output: 1.6 } }
  local: { targets: [{ provider: ollama, model: llama3.1:8b }], price: { input: 0, output: 0 } }
  phone-ok:
    targets: [{ provider: openai, model: gpt-4.1-mini }]
    price: { input: 0.4, output: 1.6 }
    dataProtection: { classes: { phone: allow } }
`,
    extraYaml: `
dataProtection:
  classes: { card: block, email: redact, phone: redact }
  providers: { ollama: { email: allow } }
policies:
  inline:
    main.cedar: |
      @id("everyone")
      permit(principal, action == Podium::Action::"model.call", resource);
      @id("no-phones-outside")
      forbid(principal, action == Podium::Action::"model.call", resource)
      when { resource.external && context.dataClasses.contains("phone") };
`,
  });
  client = new OpenAI({ baseURL: `${podium.url}/v1`, apiKey: podium.key, maxRetries: 0 });
});
afterAll(async () => podium.close());
beforeEach(() => {
  for (const upstream of Object.values(podium.upstreams)) upstream.reset();
});

const say = (model: string, content: string) =>
  client.chat.completions.create({ model, messages: [{ role: 'user', content }] }).withResponse();

describe('data protection through the gateway', () => {
  it('blocks a card number before anything leaves, naming the class but never the value', async () => {
    const error = (await say('fast', 'Charge 4111 1111 1111 1111 please').catch(
      (caught: unknown) => caught,
    )) as InstanceType<typeof OpenAI.PermissionDeniedError>;
    expect(error).toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect(error.code).toBe('data_blocked');
    expect(error.message).toMatch(/card/);
    expect(error.message).not.toContain('4111');
    expect(podium.upstreams.openai?.requests).toHaveLength(0);
  });

  it('redacts an email for the external provider and lets it through to the local one', async () => {
    podium.upstreams.openai?.enqueue({ json: chatText });
    podium.upstreams.ollama?.enqueue({ json: chatText });
    const external = await say('fast', 'Write to jane.doe@example.com about the order 12345.');
    expect(external.response.headers.get('x-podium-warning')).toMatch(/email/);
    expect(JSON.stringify(podium.upstreams.openai?.requests[0]?.json)).toContain('[EMAIL_1]');
    expect(JSON.stringify(podium.upstreams.openai?.requests[0]?.json)).not.toContain('jane.doe');
    expect(JSON.stringify(podium.upstreams.openai?.requests[0]?.json)).toContain('order 12345');
    await say('local', 'Write to jane.doe@example.com');
    expect(JSON.stringify(podium.upstreams.ollama?.requests[0]?.json)).toContain('jane.doe@example.com');
  });

  it('lets a Cedar policy refuse personal data an alias allows to leave', async () => {
    const error = (await say('phone-ok', 'Call me on +44 20 7946 0958').catch(
      (caught: unknown) => caught,
    )) as InstanceType<typeof OpenAI.PermissionDeniedError>;
    expect(error.code).toBe('policy_denied');
    expect(error.message).toContain('forbidden by policy "no-phones-outside"');
    expect(podium.upstreams.openai?.requests).toHaveLength(0);
  });

  it('records the findings (counts only) in the ledger, the audit trail and the metric', async () => {
    podium.upstreams.openai?.enqueue({ json: chatText });
    const { response } = await say('fast', 'a@example.com and b@example.org');
    const requestId = response.headers.get('x-podium-request-id');
    const row = await podium.ledgerRecord(requestId);
    expect(row.dataFindings).toEqual([{ dataClass: 'email', direction: 'request', count: 2, action: 'redacted' }]);
    const metrics = await (await fetch(`${podium.url}/metrics`)).text();
    expect(metrics).toMatch(/podium_pii_findings_total\{class="email",direction="request",action="redacted"\} [3-9]/);

    const entry = await auditEntryFor(requestId ?? '');
    expect(entry.kind).toBe('redaction');
    expect(JSON.parse(entry.payloadJson)).toEqual({
      findings: [{ dataClass: 'email', direction: 'request', count: 2, action: 'redacted' }],
      model: 'fast',
      provider: 'openai',
      status: 200,
    });
    expect(entry.payloadJson).not.toContain('example.com');
  });

  it('records a blocked call too, though nothing left', async () => {
    const error = (await client.chat.completions
      .create({ model: 'fast', messages: [{ role: 'user', content: 'Card 5555 5555 5555 4444' }] })
      .withResponse()
      .catch((caught: unknown) => caught)) as InstanceType<typeof OpenAI.PermissionDeniedError>;
    const requestId = error.headers?.get('x-podium-request-id') ?? '';
    expect((await podium.ledgerRecord(requestId)).dataFindings).toEqual([
      { dataClass: 'card', direction: 'request', count: 1, action: 'blocked' },
    ]);
    expect(JSON.parse((await auditEntryFor(requestId)).payloadJson)).toMatchObject({
      findings: [{ dataClass: 'card', action: 'blocked' }],
      status: 403,
    });
  });
});

/** The audit entry about a call, once the audit writer has stored it. */
async function auditEntryFor(subject: string): Promise<StoredAuditEntry> {
  // Generous: the audit writer commits in groups, and a loaded CI host may take seconds.
  for (let attempt = 0; attempt < 500; attempt += 1) {
    const found = (await podium.auditEntries()).find((entry) => entry.subject === subject);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no audit entry about ${subject}`);
}
