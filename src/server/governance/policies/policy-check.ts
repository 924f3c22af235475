/**
 * The policy check every surface passes through — model calls now, tool calls and agent runs when
 * they arrive, decision proposals and budget requests — independent of HTTP or the gateway: a
 * principal, an action, a resource and a context in; an answer naming the policies that decided out.
 * It owns what each caller would otherwise repeat: the answer cache, `log-only` (a denial becomes a
 * warning), the `podium_policy_checks_total` metric and the hook that puts denials on the record.
 */
import type { CedarValueJson } from '@cedar-policy/cedar-wasm/nodejs';
import type { Metrics } from '../../telemetry/index.js';
import type { PolicyAnswer, PolicyEngine, PolicyEntity, PolicyRequest } from './policy-engine.js';
import {
  describePrincipal,
  indexRoles,
  principalActor,
  principalEntities,
  type PolicyPrincipal,
  type PolicyRoles,
} from './policy-principal.js';

export const policyChecksMetric = 'podium_policy_checks_total';

export interface PolicyCheckInput {
  principal: PolicyPrincipal;
  /** `model.call`, `tool.call`, `decision.make`, `budget.request`. */
  action: string;
  /** E.g. `{ type: 'Tool', id: 'github/create_issue' }`; attributes as the schema declares them. */
  resource: PolicyEntity;
  context: Record<string, CedarValueJson>;
  /** The organisation the audit entry of a denial belongs to. */
  tenant: string;
  /** What a denial's audit entry is about: a call id, a decision request id, a budget id. */
  subject: string;
  /** Cache the answer (default). Turn off when the context carries free text: it would never hit. */
  cache?: boolean;
}

/** A denial (enforced, or that log-only let through), as the audit hook receives it. */
export interface PolicyDenial {
  tenant: string;
  subject: string;
  action: string;
  /** `key:key_1/agent:refund-bot` or `user:alice`. */
  actor: string;
  resource: { type: string; id: string };
  context: Record<string, CedarValueJson>;
  policies: string[];
  enforced: boolean;
  message: string;
}

export interface PolicyVerdict {
  decision: 'allow' | 'deny';
  /** False only when a policy denies in `enforce` mode: `log-only` lets everything through. */
  allowed: boolean;
  enforced: boolean;
  /** The policies that decided: the forbids that matched, else the permits; empty = default deny. */
  policies: string[];
  /** Policies that failed to evaluate (they count as not matching). */
  errors: string[];
  /** Why it was (or would have been) denied: `model.call on model "fast" by key … : forbidden by policy "x"`. */
  message: string | undefined;
  /** `policy (log-only) would deny: …`, for the caller, when log-only let a denial through. */
  warning: string | undefined;
  /**
   * Settles once the denial hook (the audit trail) has recorded the denial; resolved at once for an allow.
   * Await it to fail closed; a caller that does not must catch it (an unobserved failure is otherwise silent).
   */
  recorded: Promise<void>;
}

export interface PolicyCheckOptions {
  engine: PolicyEngine;
  mode: 'enforce' | 'log-only';
  metrics: Metrics;
  /** Role name → members (humans and agents): the principal's `Podium::Role` parents. */
  roles?: PolicyRoles | undefined;
  /** Told about every denial, enforced or not: the audit trail listens here. */
  onDeny?: ((denial: PolicyDenial) => Promise<unknown> | void) | undefined;
}

const settled = Promise.resolve();

export class PolicyCheck {
  private readonly roles: ReadonlyMap<string, readonly string[]>;

  private current: { engine: PolicyEngine; mode: 'enforce' | 'log-only' };

  constructor(private readonly options: PolicyCheckOptions) {
    this.current = { engine: options.engine, mode: options.mode };
    this.roles = indexRoles(options.roles ?? {});
    options.metrics.define(
      policyChecksMetric,
      'counter',
      'Policy checks by action and outcome (allow, deny, would-deny in log-only mode).',
    );
  }

  get mode(): 'enforce' | 'log-only' {
    return this.current.mode;
  }

  /** The engine's loaded policy set (its decision context fields, origins). */
  get engine(): PolicyEngine {
    return this.current.engine;
  }

  /**
   * Swaps in a reloaded policy set (and mode) at once: checks after this use it, with its own empty answer
   * cache; a check already running finishes on the set it started with.
   */
  replace(next: { engine: PolicyEngine; mode: 'enforce' | 'log-only' }): void {
    this.current = { engine: next.engine, mode: next.mode };
  }

  /** Evaluates (or answers from the cache), counts, and hands a denial to the hook. Never throws for a denial. */
  check(input: PolicyCheckInput): PolicyVerdict {
    const { engine, mode } = this.current;
    const answer = engine.answer(input.cache === false ? undefined : cacheKeyOf(input), () => this.request(input));
    const { metrics } = this.options;
    // Fields copied one by one: spreading the cached answer here was 3× slower per check, and crashed V8 20's deoptimizer.
    const { decision, policies, errors } = answer;
    if (decision === 'allow') {
      metrics.increment(policyChecksMetric, { action: input.action, outcome: 'allow' });
      return {
        decision,
        policies,
        errors,
        allowed: true,
        enforced: mode === 'enforce',
        message: undefined,
        warning: undefined,
        recorded: settled,
      };
    }
    const enforced = mode === 'enforce';
    metrics.increment(policyChecksMetric, { action: input.action, outcome: enforced ? 'deny' : 'would-deny' });
    const message = denialMessage(input, policies);
    const denial: PolicyDenial = {
      tenant: input.tenant,
      subject: input.subject,
      action: input.action,
      actor: principalActor(input.principal),
      resource: { type: input.resource.type, id: input.resource.id },
      context: input.context,
      policies,
      enforced,
      message,
    };
    const hook = this.options.onDeny;
    let recorded = settled;
    if (hook) {
      recorded = settled.then(async () => void (await hook(denial)));
      // Marked as observed: a caller that catches it later must not race an unhandled-rejection report.
      recorded.catch(() => undefined);
    }
    return {
      decision,
      policies,
      errors,
      allowed: !enforced,
      enforced,
      message,
      warning: enforced ? undefined : `policy (log-only) would deny: ${message}`,
      recorded,
    };
  }

  /**
   * The answer alone — not counted, not audited as a denial: for actions where only a matching `forbid` means
   * something (`tool.result`: a forbid withholds the result; no policy at all is not a refusal).
   */
  evaluate(input: PolicyCheckInput): PolicyAnswer {
    const { engine } = this.current;
    return engine.answer(input.cache === false ? undefined : cacheKeyOf(input), () => this.request(input));
  }

  private request(input: PolicyCheckInput): PolicyRequest {
    const { principal, ancestors } = principalEntities(input.principal, this.roles);
    return { principal, action: input.action, resource: input.resource, context: input.context, entities: ancestors };
  }
}

/**
 * Everything the answer can depend on. Roles are fixed for the check's lifetime, so the principal's
 * own fields suffice; objects are built by the same code each time, so their key order is stable
 * (and a different order would only cost a miss, never a wrong answer).
 */
function cacheKeyOf(input: PolicyCheckInput): string {
  const { principal } = input;
  const who =
    principal.kind === 'human'
      ? `u\u0000${principal.name}`
      : `k\u0000${principal.keyId}\u0000${principal.tier}\u0000${principal.teamName}\u0000${principal.agent ?? ''}`;
  return `${input.action}\u0000${who}\u0000${JSON.stringify(input.resource)}\u0000${JSON.stringify(input.context)}`;
}

function denialMessage(input: PolicyCheckInput, policies: readonly string[]): string {
  const what = `${input.action} on ${input.resource.type.toLowerCase()} "${input.resource.id}" by ${describePrincipal(input.principal)}`;
  if (policies.length === 0) return `${what}: no policy permits it (default deny)`;
  return `${what}: forbidden by policy ${policies.map((id) => `"${id}"`).join(', ')}`;
}
