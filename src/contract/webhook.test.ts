import { describe, expect, it } from 'vitest';
import { approvalsConfigSchema } from './approvals.js';
import { formattedWebhookSchema, webhookSchema } from './webhook.js';

describe('webhookSchema', () => {
  it('takes an http(s) URL and optional headers, and defaults a notification webhook to JSON', () => {
    expect(webhookSchema.parse({ url: 'https://siem.example/ingest', headers: { authorization: 'Bearer t' } })).toEqual(
      { url: 'https://siem.example/ingest', headers: { authorization: 'Bearer t' } },
    );
    expect(formattedWebhookSchema.parse({ url: 'http://hooks.example/x' })).toEqual({
      url: 'http://hooks.example/x',
      format: 'json',
    });
  });

  it('names the field of what it refuses: another scheme, an unknown key, an unknown format', () => {
    const scheme = webhookSchema.safeParse({ url: 'file:///etc/passwd' });
    expect(scheme.error?.issues[0]).toMatchObject({ path: ['url'], message: 'must be an http or https URL' });
    expect(formattedWebhookSchema.safeParse({ url: 'https://x.example', secret: 's' }).error?.issues[0]).toMatchObject({
      code: 'unrecognized_keys',
      keys: ['secret'],
    });
    expect(
      formattedWebhookSchema.safeParse({ url: 'https://x.example', format: 'teams' }).error?.issues[0]?.path,
    ).toEqual(['format']);
  });

  it('is the schema of approvals.webhooks', () => {
    const parsed = approvalsConfigSchema.safeParse({ webhooks: [{ url: 'ftp://x.example' }] });
    expect(parsed.error?.issues[0]).toMatchObject({
      path: ['webhooks', 0, 'url'],
      message: 'must be an http or https URL',
    });
  });
});
