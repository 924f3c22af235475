/**
 * The generic policy check, driven as a future tool gateway would: `tool.call` on
 * `Podium::Tool::"<server>/<tool>"`, no model call and no HTTP anywhere.
 */
import { describe, expect, it } from 'vitest';
import { Metrics } from '../../telemetry/index.js';
import { loadPolicies } from './load-policies.js';
import { PolicyCheck, type PolicyCheckInput, type PolicyDenial } from './policy-check.js';
import { PolicyEngine } from './policy-engine.js';
import type { PolicyPrincipal } from './policy-principal.js';

const policies = `
@id("support-uses-github")
permit(principal in Podium::Team::"support", action == Podium::Action::"tool.call", resource)
when { resource == Podium::Tool::"github/create_issue" || resource == Podium::Tool::"github/search" };

@id("no-pii-to-tools")
forbid(principal, action == Podium::Action::"tool.call", resource)
when { context.dataClasses.contains("card") };

@id("refund-agents-pay")
permit(principal in Podium::Role::"refund-agents", action == Podium::Action::"tool.call", resource == Podium::Tool::"stripe/refund");

@id("no-scraper-tools")
forbid(principal in Podium::Agent::"scraper", action == Podium::Action::"tool.call", resource);

@id("finance-humans")
permit(principal in Podium::Role::"finance", action == Podium::Action::"tool.call", resource);
`;

const key = (fields: Partial<Extract<PolicyPrincipal, { kind: 'key' }>> = {}): PolicyPrincipal => ({
  kind: 'key',
  keyId: 'key_1',
  teamName: 'support',
  tier: 'standard',
  ...fields,
});

const toolCall = (tool: string, principal: PolicyPrincipal = key(), dataClasses: string[] = []): PolicyCheckInput => ({
  principal,
  action: 'tool.call',
  resource: { type: 'Tool', id: tool },
  context: { dataClasses, tags: [] },
  tenant: 'org_1',
  subject: 'call_1',
});

function setup(mode: 'enforce' | 'log-only', onDeny?: (denial: PolicyDenial) => Promise<void>) {
  const metrics = new Metrics();
  const denials: PolicyDenial[] = [];
  const check = new PolicyCheck({
    engine: new PolicyEngine({ policies: loadPolicies({ texts: { 'tools.cedar': policies }, baseDir: '.' }) }),
    mode,
    metrics,
    roles: { 'refund-agents': ['agent:refund-bot'], finance: ['alice'] },
    onDeny: onDeny ?? ((denial) => (denials.push(denial), Promise.resolve())),
  });
  return { check, metrics, denials };
}

describe('PolicyCheck (tool.call, as a tool gateway would use it)', () => {
  it('permits what a policy permits, naming it, and records nothing', async () => {
    const { check, denials } = setup('enforce');
    const verdict = check.check(toolCall('github/create_issue'));
    expect(verdict).toMatchObject({
      decision: 'allow',
      allowed: true,
      policies: ['support-uses-github'],
      message: undefined,
      warning: undefined,
    });
    await verdict.recorded;
    expect(denials).toEqual([]);
  });

  it('lets a forbid win and names it, and hands the denial to the audit hook', async () => {
    const { check, denials, metrics } = setup('enforce');
    const verdict = check.check(toolCall('github/create_issue', key(), ['card']));
    expect(verdict).toMatchObject({ decision: 'deny', allowed: false, enforced: true, policies: ['no-pii-to-tools'] });
    expect(verdict.message).toBe(
      'tool.call on tool "github/create_issue" by key key_1 (team support): forbidden by policy "no-pii-to-tools"',
    );
    await verdict.recorded;
    expect(denials).toEqual([
      {
        tenant: 'org_1',
        subject: 'call_1',
        action: 'tool.call',
        actor: 'key:key_1',
        resource: { type: 'Tool', id: 'github/create_issue' },
        context: { dataClasses: ['card'], tags: [] },
        policies: ['no-pii-to-tools'],
        enforced: true,
        message: verdict.message,
      },
    ]);
    expect(metrics.render()).toContain('podium_policy_checks_total{action="tool.call",outcome="deny"} 1');
  });

  it('denies by default when nothing permits, naming no policy', () => {
    const { check } = setup('enforce');
    const verdict = check.check(toolCall('stripe/refund'));
    expect(verdict).toMatchObject({ decision: 'deny', allowed: false, policies: [] });
    expect(verdict.message).toBe(
      'tool.call on tool "stripe/refund" by key key_1 (team support): no policy permits it (default deny)',
    );
  });

  it('log-only: lets the denial through with a warning, and records it as not enforced', async () => {
    const { check, denials, metrics } = setup('log-only');
    const verdict = check.check(toolCall('stripe/refund'));
    expect(verdict).toMatchObject({ decision: 'deny', allowed: true, enforced: false });
    expect(verdict.warning).toBe(
      'policy (log-only) would deny: tool.call on tool "stripe/refund" by key key_1 (team support): no policy permits it (default deny)',
    );
    await verdict.recorded;
    expect(denials).toMatchObject([{ action: 'tool.call', enforced: false, policies: [] }]);
    expect(metrics.render()).toContain('podium_policy_checks_total{action="tool.call",outcome="would-deny"} 1');
  });

  it('sees the agent a key names as its parent, and the agent’s roles through it; a human through their roles', () => {
    const { check } = setup('enforce');
    const bot = key({ teamName: 'payments', agent: 'refund-bot' });
    expect(check.check(toolCall('stripe/refund', bot))).toMatchObject({
      decision: 'allow',
      policies: ['refund-agents-pay'],
    });
    expect(check.check(toolCall('stripe/refund', key({ teamName: 'payments', agent: 'other-bot' }))).decision).toBe(
      'deny',
    );
    // A key calling itself by a human role member's name gets no role: only agent:<name> members are agents.
    expect(check.check(toolCall('stripe/refund', key({ teamName: 'payments', agent: 'alice' }))).decision).toBe('deny');
    expect(check.check(toolCall('github/search', key({ agent: 'scraper' })))).toMatchObject({
      decision: 'deny',
      policies: ['no-scraper-tools'],
    });
    // Same key and tool without the agent: a different answer, so the agent is part of the cache key.
    expect(check.check(toolCall('github/search', key())).decision).toBe('allow');
    const alice = check.check(toolCall('stripe/refund', { kind: 'human', name: 'alice' }));
    expect(alice).toMatchObject({ decision: 'allow', policies: ['finance-humans'] });
    expect(check.check(toolCall('stripe/refund', { kind: 'human', name: 'mallory' })).message).toMatch(
      /by user mallory: no policy permits it/,
    );
  });

  it('reports an audit hook that fails through `recorded`, for callers that must fail closed', async () => {
    const { check } = setup('log-only', () => Promise.reject(new Error('audit store down')));
    const verdict = check.check(toolCall('stripe/refund'));
    expect(verdict.allowed).toBe(true);
    await expect(verdict.recorded).rejects.toThrow('audit store down');
  });
});
