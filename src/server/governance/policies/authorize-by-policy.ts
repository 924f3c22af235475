/**
 * Stage: Cedar policies over every model call — which teams and keys may use which models, which
 * data classes may leave for which providers. Runs after routing and data protection (so the
 * resource is the model that will serve and the context lists the personal data that will leave)
 * and before the budget is reserved. In `log-only` mode a denial is recorded and the call goes on.
 */
import { PodiumError } from '../../../contract/index.js';
import type { AdmissionStage, GatewayCall } from '../../gateway/index.js';
import type { Metrics } from '../../telemetry/index.js';
import type { PolicyAnswer, PolicyEngine, PolicyRequest } from './policy-engine.js';

export const policyChecksMetric = 'podium_policy_checks_total';

export interface AuthorizeByPolicyOptions {
  engine: PolicyEngine;
  mode: 'enforce' | 'log-only';
  /** Provider name → whether its calls leave the organisation's network. */
  external: (provider: string) => boolean;
  metrics: Metrics;
  /** Told about every denial (enforced or not): the audit trail listens here. */
  onDeny?: (call: GatewayCall, answer: PolicyAnswer) => void;
}

export function authorizeByPolicy(options: AuthorizeByPolicyOptions): AdmissionStage {
  const { engine, metrics } = options;
  metrics.define(policyChecksMetric, 'counter', 'Policy checks on model calls by outcome (allow, deny, would-deny in log-only mode).');
  return (call) => {
    const request = modelCallRequest(call, options.external);
    if (!request) return;
    const answer = engine.check(request);
    if (answer.decision === 'allow') {
      metrics.increment(policyChecksMetric, { action: 'model.call', outcome: 'allow' });
      return;
    }
    options.onDeny?.(call, answer);
    const message = denialMessage(request, answer);
    if (options.mode === 'log-only') {
      metrics.increment(policyChecksMetric, { action: 'model.call', outcome: 'would-deny' });
      call.warnings.push(`policy (log-only) would deny: ${message}`);
      return;
    }
    metrics.increment(policyChecksMetric, { action: 'model.call', outcome: 'deny' });
    throw new PodiumError('policy_denied', message, { param: 'model' });
  };
}

/** The Cedar request for a model call, or undefined before the caller and route are known. */
export function modelCallRequest(call: GatewayCall, external: (provider: string) => boolean): PolicyRequest | undefined {
  const caller = call.caller;
  const target = call.route?.targets[0];
  const alias = call.route?.alias;
  if (!caller || !target || alias === undefined) return undefined;
  // Classes that were redacted do not leave; blocked ones never get this far.
  const dataClasses = [...new Set(call.findings.filter((finding) => finding.direction === 'request' && finding.action === 'allowed').map((finding) => finding.dataClass))].sort();
  const tags = call.tags ? Object.entries(call.tags).map(([name, value]) => `${name}=${value}`).sort() : [];
  const provider = target.provider;
  const isExternal = external(provider.name);
  const requestedModel = call.requestedModel ?? alias;
  const context: PolicyRequest['context'] = { dataClasses, requestedModel, tags };
  if (call.endUser !== undefined) context.endUser = call.endUser;
  const agentHeader = call.headers['x-podium-agent'];
  const agent = (Array.isArray(agentHeader) ? agentHeader[0] : agentHeader)?.trim();
  if (agent) context.agent = agent;
  return {
    principal: { type: 'Key', id: caller.keyId, attrs: { tier: caller.tier }, parents: [{ type: 'Team', id: caller.teamName }] },
    action: 'model.call',
    resource: { type: 'Model', id: alias, attrs: { provider: provider.name, providerType: provider.type, external: isExternal }, parents: [{ type: 'Provider', id: provider.name }] },
    context,
    cacheKey: [caller.keyId, caller.tier, caller.teamName, alias, provider.name, dataClasses.join(','), requestedModel, call.endUser ?? '', agent ?? '', tags.join(',')].join('\u0000'),
  };
}

function denialMessage(request: PolicyRequest, answer: PolicyAnswer): string {
  const what = `model.call on model "${request.resource.id}" by key ${request.principal.id} (team ${request.principal.parents?.[0]?.id ?? '?'})`;
  if (answer.policies.length === 0) return `${what}: no policy permits it (default deny)`;
  return `${what}: forbidden by policy ${answer.policies.map((id) => `"${id}"`).join(', ')}`;
}
