/**
 * Stage: Cedar policies over every call — which teams and keys may use which models (and, for other
 * kinds, which tools), which data classes may leave for which providers. For a model call it runs
 * after routing and data protection (so the resource is the model that will serve and the context
 * lists the personal data that will leave) and before the budget is reserved. The check itself is the
 * generic one (policy-check.ts); each kind only says what it is in Cedar's terms (`modelCallRequest`).
 */
import { PodiumError } from '../../../contract/index.js';
import type { AdmissionStage, CallBase, GatewayCall } from '../../gateway/index.js';
import type { PolicyCheck, PolicyCheckInput, PolicyVerdict } from './policy-check.js';

export interface AuthorizeCallOptions<C extends CallBase> {
  check: PolicyCheck;
  /** The call in Cedar's terms (principal, action, resource, context), or undefined to skip the check. */
  describe: (call: C) => PolicyCheckInput | undefined;
  /** The request field a denial names (`model` for a model call). */
  param?: string;
  /** A denial the audit trail could not record (calls do not wait for it): wire it to the server log. */
  onError?: (error: unknown) => void;
  /**
   * Every verdict, before a denial is thrown: a kind that acts on which policies decided (a tool call's
   * `@approval`) or records them keeps it on the call.
   */
  onVerdict?: (call: C, verdict: PolicyVerdict) => void;
}

/** The policy stage for any kind of call. */
export function authorizeCall<C extends CallBase>(options: AuthorizeCallOptions<C>): AdmissionStage<C> {
  const report = options.onError ?? (() => undefined);
  const param = options.param;
  return (call) => {
    const input = options.describe(call);
    if (!input) return;
    const verdict = options.check.check(input);
    options.onVerdict?.(call, verdict);
    if (verdict.decision === 'allow') return;
    if (verdict.allowed) {
      // log-only: the call goes on without waiting for the audit append (the request path does not pay for it).
      verdict.recorded.catch(report);
      call.warnings.push(verdict.warning ?? '');
      return;
    }
    // A refusal may wait for its record: it costs only refused calls, and the answer is no either way.
    return verdict.recorded.catch(report).then(() => {
      throw new PodiumError(
        'policy_denied',
        verdict.message ?? 'denied by policy',
        param === undefined ? {} : { param },
      );
    });
  };
}

export interface AuthorizeByPolicyOptions {
  check: PolicyCheck;
  /** Provider name → whether its calls leave the organisation's network. */
  external: (provider: string) => boolean;
  /** A denial the audit trail could not record (model calls do not wait for it): wire it to the server log. */
  onError?: (error: unknown) => void;
}

/** The model call's policy stage. */
export function authorizeByPolicy(options: AuthorizeByPolicyOptions): AdmissionStage {
  const { external } = options;
  return authorizeCall<GatewayCall>({
    check: options.check,
    describe: (call) => modelCallRequest(call, external),
    param: 'model',
    ...(options.onError ? { onError: options.onError } : {}),
  });
}

/** The policy check input for a model call, or undefined before the caller and route are known. */
export function modelCallRequest(
  call: GatewayCall,
  external: (provider: string) => boolean,
): PolicyCheckInput | undefined {
  const caller = call.caller;
  const target = call.route?.targets[0];
  const alias = call.route?.alias;
  if (!caller || !target || alias === undefined) return undefined;
  // Classes that were redacted do not leave; blocked ones never get this far.
  const dataClasses = [
    ...new Set(
      call.findings
        .filter((finding) => finding.direction === 'request' && finding.action === 'allowed')
        .map((finding) => finding.dataClass),
    ),
  ].sort();
  const tags = call.tags
    ? Object.entries(call.tags)
        .map(([name, value]) => `${name}=${value}`)
        .sort()
    : [];
  const provider = target.provider;
  const context: PolicyCheckInput['context'] = { dataClasses, requestedModel: call.requestedModel ?? alias, tags };
  if (call.endUser !== undefined) context.endUser = call.endUser;
  const agentHeader = call.headers['x-podium-agent'];
  const agent = (Array.isArray(agentHeader) ? agentHeader[0] : agentHeader)?.trim() || undefined;
  if (agent) context.agent = agent;
  return {
    principal: { kind: 'key', keyId: caller.keyId, teamName: caller.teamName, tier: caller.tier, agent },
    action: 'model.call',
    resource: {
      type: 'Model',
      id: alias,
      attrs: { provider: provider.name, providerType: provider.type, external: external(provider.name) },
      parents: [{ type: 'Provider', id: provider.name }],
    },
    context,
    tenant: caller.orgId,
    subject: call.id,
  };
}
