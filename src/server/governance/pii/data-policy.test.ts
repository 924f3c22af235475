import { describe, expect, it } from 'vitest';
import { DataPolicy } from './data-policy.js';
import { dataProtectionSchema, modelDataProtectionSchema } from '../../../contract/index.js';

const global = dataProtectionSchema.parse({
  default: 'allow',
  classes: { card: 'block', email: 'redact', phone: 'redact' },
  providers: { ollama: { email: 'allow', phone: 'allow' } },
});

describe('DataPolicy', () => {
  it('applies class rules, provider overrides and the default', () => {
    const policy = new DataPolicy({ global });
    expect(policy.actionsFor({ alias: 'chat', provider: 'openai' })).toEqual({
      email: 'redact',
      phone: 'redact',
      card: 'block',
      iban: 'allow',
      'national-id': 'allow',
    });
    expect(policy.actionsFor({ alias: 'chat', provider: 'ollama' })).toMatchObject({
      email: 'allow',
      phone: 'allow',
      card: 'block',
    });
  });

  it('lets an alias override the global rules, most specific first', () => {
    const policy = new DataPolicy({
      global,
      aliases: {
        support: modelDataProtectionSchema.parse({
          default: 'redact',
          classes: { email: 'block' },
          providers: { ollama: { email: 'allow' } },
        }),
      },
    });
    expect(policy.actionsFor({ alias: 'support', provider: 'openai' })).toEqual({
      email: 'block',
      phone: 'redact',
      card: 'block',
      iban: 'redact',
      'national-id': 'redact',
    });
    // alias × provider beats alias class; the global provider rule still beats the alias default.
    expect(policy.actionsFor({ alias: 'support', provider: 'ollama' })).toMatchObject({
      email: 'allow',
      phone: 'allow',
      iban: 'redact',
    });
  });

  it('takes the strictest action over every provider a route may reach and names the blocking one', () => {
    const policy = new DataPolicy({
      global: dataProtectionSchema.parse({
        classes: { email: 'redact' },
        providers: { ollama: { email: 'allow' }, partner: { iban: 'block' } },
      }),
    });
    const request = policy.forCall({ aliases: ['chat'], providers: ['ollama', 'partner'] });
    expect(request.actions).toMatchObject({ email: 'redact', iban: 'block' });
    expect(request.blockedBy).toEqual({ iban: 'partner' });
    expect(policy.forCall({ aliases: ['chat'], providers: ['ollama', 'partner'] })).toBe(request);
  });

  it('takes the strictest action over the alias asked for and the alias a router chose', () => {
    const policy = new DataPolicy({
      global,
      aliases: { smart: { classes: { iban: 'redact' } }, cheap: { classes: { phone: 'block' } } },
    });
    expect(policy.forCall({ aliases: ['smart', 'cheap'], providers: ['openai'] }).actions).toMatchObject({
      iban: 'redact',
      phone: 'block',
      email: 'redact',
    });
  });

  it('scans answers unless the section or the alias turns it off', () => {
    const policy = new DataPolicy({ global, aliases: { quiet: { responses: false } } });
    expect(policy.scansResponses(['chat'])).toBe(true);
    expect(policy.scansResponses(['quiet'])).toBe(false);
    expect(policy.scansResponses(['quiet', 'chat'])).toBe(true);
  });

  it('rejects unknown data classes and actions in the configuration', () => {
    expect(dataProtectionSchema.safeParse({ classes: { emails: 'redact' } }).success).toBe(false);
    expect(dataProtectionSchema.safeParse({ classes: { email: 'mask' } }).success).toBe(false);
    expect(dataProtectionSchema.parse({})).toEqual({ default: 'allow', classes: {}, providers: {}, responses: true });
  });
});
