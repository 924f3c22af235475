import { describe, expect, it } from 'vitest';
import { approvalRequestInputSchema, approvalsConfigSchema, approvalsNeeded } from './approvals.js';

describe('approvalsConfigSchema', () => {
  it('defaults to no webhooks, week-long links and a 30 s sweep', () => {
    expect(approvalsConfigSchema.parse(undefined)).toEqual({
      webhooks: [],
      linkTtlMs: 604_800_000,
      sweepIntervalMs: 30_000,
    });
    expect(
      approvalsConfigSchema.parse({
        webhooks: [{ url: 'https://hooks.slack.com/services/T/B/x', format: 'slack' }],
        publicUrl: 'https://podium.example.com',
      }),
    ).toMatchObject({
      webhooks: [{ url: 'https://hooks.slack.com/services/T/B/x', format: 'slack' }],
      publicUrl: 'https://podium.example.com',
    });
  });

  it('refuses a public URL that people cannot open, an unknown key and a sweep faster than a second', () => {
    expect(approvalsConfigSchema.safeParse({ publicUrl: 'ftp://podium' }).error?.issues[0]?.path).toEqual([
      'publicUrl',
    ]);
    expect(approvalsConfigSchema.safeParse({ sweepIntervalMs: 10 }).error?.issues[0]?.path).toEqual([
      'sweepIntervalMs',
    ]);
    expect(approvalsConfigSchema.safeParse({ webhook: [] }).success).toBe(false);
  });
});

describe('approvalRequestInputSchema', () => {
  it('defaults onTimeout to deny, no escalation and an empty context', () => {
    const parsed = approvalRequestInputSchema.parse({
      decisionId: 'dec_1',
      tenant: 'org_1',
      requester: 'key_1',
      proposal: null,
      summary: ' Refund ',
      approvers: [' ana '],
      quorum: 1,
      timeoutMs: 60_000,
    });
    expect(parsed).toMatchObject({
      summary: 'Refund',
      approvers: ['ana'],
      onTimeout: 'deny',
      escalation: [],
      context: {},
    });
  });
});

describe('approvalsNeeded', () => {
  it('is the quorum, capped by the size of the current group', () => {
    expect(approvalsNeeded({ quorum: 2, approvers: ['a', 'b', 'c'] })).toBe(2);
    expect(approvalsNeeded({ quorum: 2, approvers: ['cto'] })).toBe(1);
  });
});
