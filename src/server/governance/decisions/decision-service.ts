/**
 * The decision registry's answer to a proposal: is the maker allowed, is the context complete and
 * valid, do the Cedar policies permit it (`decision.make`, the context's fields typed), and which risk
 * tier applies — `auto` (allowed now), `approve` (a durable human approval is opened; the answer is
 * pending) or `deny`. Every answer is recorded, allowed or not.
 */
import { randomUUID } from 'node:crypto';
import type { CedarValueJson } from '@cedar-policy/cedar-wasm/nodejs';
import {
  auditUnavailable,
  PodiumError,
  proposeDecisionBodySchema,
  type DecisionAnswer,
  type DecisionDefinition,
} from '../../../contract/index.js';
import {
  agentMemberPrefix,
  decisionMakeContext,
  indexRoles,
  type PolicyCheck,
  type PolicyVerdict,
} from '../policies/index.js';
import { compileContextChecker, type ContextChecker } from './check-decision-context.js';
import type { DecisionMaker, DecisionRecord } from './decision-record.js';
import { matchRiskTier } from './match-risk-tier.js';

/** What the decision service needs from human approvals. */
export interface ApprovalOpener {
  request(input: {
    /** Chosen by the decision service, so the decision is on the record, naming its approval, before the approval exists. */
    id: string;
    decisionId: string;
    tenant: string;
    requester: string;
    proposal: unknown;
    context: Record<string, unknown>;
    summary: string;
    approvers: string[];
    quorum: number;
    escalation: string[][];
    timeoutMs: number;
    onTimeout: 'deny' | 'approve';
    callbackUrl?: string;
  }): Promise<{ id: string }>;
}

type ApprovalRequest = Parameters<ApprovalOpener['request']>[0];

export interface DecisionServiceOptions {
  definitions: (id: string) => DecisionDefinition | undefined;
  approvals: ApprovalOpener;
  /** Cedar policies, when configured: consulted for `decision.make` (in their mode: enforce or log-only). */
  policies: PolicyCheck | undefined;
  /** Puts the decision on the audit trail; resolves once committed. A rejection fails the proposal (503). */
  record: (record: DecisionRecord) => Promise<void>;
  /** Members (humans and agents) of each role named in podium.yaml's `roles:`. */
  roles?: Readonly<Record<string, readonly string[]>>;
  now?: () => Date;
  /** Refuses a `callbackUrl` Podium may not call (the outbound guard); throws a PodiumError naming the field. */
  checkCallbackUrl?: ((url: string) => Promise<void>) | undefined;
}

export interface ProposeInput {
  decisionId: string;
  tenant: string;
  maker: DecisionMaker;
  /** The request body, validated here. */
  body: unknown;
}

export class DecisionService {
  private readonly checkers = new WeakMap<DecisionDefinition, ContextChecker>();
  private readonly now: () => Date;
  /** Member entry → its roles, the same index the policy check gives Cedar. */
  private readonly memberRoles: ReadonlyMap<string, readonly string[]>;

  constructor(private readonly options: DecisionServiceOptions) {
    this.now = options.now ?? (() => new Date());
    this.memberRoles = indexRoles(options.roles ?? {});
  }

  /**
   * Decides, records, then (for `pending`) opens the approval — in that order, so nothing is allowed or waits
   * for a human without being on the record.
   * @throws PodiumError 404 for an unknown decision, 400 naming the field for a bad body or context, 503
   * `audit_unavailable` when the decision could not be recorded (then no approval is opened either).
   */
  async propose(input: ProposeInput): Promise<DecisionAnswer> {
    const received = this.now();
    const definition = this.options.definitions(input.decisionId);
    if (!definition)
      throw new PodiumError('not_found', `no decision "${input.decisionId}" is registered`, { param: 'id' });
    const parsed = proposeDecisionBodySchema.safeParse(input.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new PodiumError('invalid_request', `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`, {
        param: issue?.path.join('.') || 'body',
      });
    }
    const body = parsed.data;
    // Before anything is decided or recorded: a refused callback is a bad request, not a decision.
    if (body.callbackUrl !== undefined) await this.options.checkCallbackUrl?.(body.callbackUrl);
    const problems = this.checker(definition)(body.context);
    const policyContext =
      this.options.policies &&
      decisionMakeContext({
        fields: this.options.policies.engine.decisionFields,
        definition,
        proposal: body.proposal,
        context: body.context,
      });
    problems.push(...(policyContext?.problems ?? []));
    if (problems.length > 0)
      throw new PodiumError('invalid_request', `decision ${definition.id}: ${problems.join('; ')}`, {
        param: problems[0]?.split(':')[0] ?? 'context',
      });

    const id = `dec_${randomUUID().replaceAll('-', '').slice(0, 24)}`;
    const { answer, approval } = await this.decide({
      id,
      definition,
      maker: input.maker,
      body,
      tenant: input.tenant,
      policyContext: policyContext?.context,
    });
    const decided = this.now();
    try {
      await this.options.record({
        answer,
        tenant: input.tenant,
        maker: input.maker,
        proposal: body.proposal,
        context: body.context,
        evidence: body.evidence,
        model: body.model,
        receivedAt: received.toISOString(),
        decidedAt: decided.toISOString(),
        durationMs: decided.getTime() - received.getTime(),
      });
    } catch (error) {
      throw decisionUnrecorded(error);
    }
    // Should this fail, the trail names an approval that never opened: the caller got an error, nothing waits.
    if (approval) await this.options.approvals.request(approval);
    return answer;
  }

  private async decide(input: {
    id: string;
    definition: DecisionDefinition;
    maker: DecisionMaker;
    body: ReturnType<typeof proposeDecisionBodySchema.parse>;
    tenant: string;
    policyContext: Record<string, CedarValueJson> | undefined;
  }): Promise<{ answer: DecisionAnswer; approval?: ApprovalRequest }> {
    const { id, definition, maker, body } = input;
    const base = { id, decision: definition.id, policies: [] as string[], approvalId: null, tier: null };
    const roles = this.options.roles ?? {};
    const refusal = makerRefusal({ definition, maker, memberRoles: this.memberRoles });
    const denied = (fields: Pick<DecisionAnswer, 'reasons'> & Partial<DecisionAnswer>) => ({
      answer: { ...base, ...fields, outcome: 'denied' as const },
    });
    if (refusal) return denied({ reasons: [refusal] });
    const matched = matchRiskTier(definition, body.context);
    if (!matched) return denied({ reasons: ['no risk tier matches this context'] });
    const tier = matched.name;
    const reasons = [`risk tier ${tier} (${matched.reason})`];
    const verdict = await this.checkPolicies({ ...input, tier });
    const policies = verdict?.policies ?? [];
    if (verdict?.decision === 'deny') {
      const why =
        policies.length > 0
          ? `forbidden by policy ${policies.map((name) => `"${name}"`).join(', ')}`
          : 'no policy permits decision.make (default deny)';
      if (!verdict.allowed) return denied({ tier, policies, reasons: [...reasons, why] });
      reasons.push(`policy (log-only) would deny: ${why}`);
    }
    if (matched.tier.outcome === 'deny')
      return denied({ tier, policies, reasons: [...reasons, 'this tier is always denied'] });
    if (matched.tier.outcome === 'auto')
      return { answer: { ...base, tier, policies, outcome: 'allowed', reasons: [...reasons, 'automatic'] } };
    const approvers = expandRoles(matched.tier.approvers ?? [], roles);
    const quorum = matched.tier.quorum ?? 1;
    const approval: ApprovalRequest = {
      id: `appr_${randomUUID().replaceAll('-', '')}`,
      // One approval per proposal: `<decision>/<request id>` (approvals are unique per pending decision instance).
      decisionId: `${definition.id}/${id}`,
      tenant: input.tenant,
      requester: makerName(maker),
      proposal: body.proposal,
      context: body.context,
      summary: `${definition.description}: ${summarise(body.context)} (${tier}, asked by ${makerName(maker)})`,
      approvers,
      quorum,
      escalation: definition.escalation.map((group) => expandRoles(group, roles)),
      timeoutMs: definition.timeoutMs,
      onTimeout: definition.onTimeout,
      ...(body.callbackUrl ? { callbackUrl: body.callbackUrl } : {}),
    };
    return {
      answer: {
        ...base,
        tier,
        policies,
        outcome: 'pending',
        approvalId: approval.id,
        reasons: [...reasons, `needs ${quorum} of ${approvers.join(', ')}`],
      },
      approval,
    };
  }

  /** Cedar `decision.make`, when policies are configured; a denial (enforced or not) is on the record before the answer. */
  private async checkPolicies(input: {
    id: string;
    definition: DecisionDefinition;
    maker: DecisionMaker;
    tenant: string;
    tier: string;
    policyContext: Record<string, CedarValueJson> | undefined;
  }): Promise<PolicyVerdict | undefined> {
    const { definition } = input;
    if (!this.options.policies || !input.policyContext) return undefined;
    const verdict = this.options.policies.check({
      principal: input.maker,
      action: 'decision.make',
      resource: { type: 'Decision', id: definition.id, attrs: { owner: definition.owner, risk: input.tier } },
      context: input.policyContext,
      tenant: input.tenant,
      subject: input.id,
      // The context carries the proposal's text: no two answers would share a key.
      cache: false,
    });
    try {
      await verdict.recorded;
    } catch (error) {
      throw decisionUnrecorded(error);
    }
    return verdict;
  }

  private checker(definition: DecisionDefinition): ContextChecker {
    let checker = this.checkers.get(definition);
    if (!checker) {
      checker = compileContextChecker(definition);
      this.checkers.set(definition, checker);
    }
    return checker;
  }
}

type Roles = Readonly<Record<string, readonly string[]>>;

/** `role:<name>` entries replaced by the role's human members (agents never approve), duplicates removed. */
function expandRoles(names: readonly string[], roles: Roles): string[] {
  const humans = (role: string) => (roles[role] ?? []).filter((member) => !member.startsWith(agentMemberPrefix));
  return [...new Set(names.flatMap((entry) => (entry.startsWith('role:') ? humans(entry.slice(5)) : [entry])))];
}

function makerRefusal(input: {
  definition: DecisionDefinition;
  maker: DecisionMaker;
  memberRoles: ReadonlyMap<string, readonly string[]>;
}): string | undefined {
  const { definition, maker, memberRoles } = input;
  const makers = definition.makers;
  const inRole = (member: string | undefined) =>
    member !== undefined && (memberRoles.get(member) ?? []).some((role) => makers.roles.includes(role));
  // An agent is a name the key's holder asserts: it counts only as `agent:<name>`, never as the human of that name.
  const agentInRole = (agent: string | undefined) => agent !== undefined && inRole(`${agentMemberPrefix}${agent}`);
  if (maker.kind === 'human') {
    return makers.humans.includes(maker.name) || inRole(maker.name)
      ? undefined
      : `${maker.name} is not among the humans who may make ${definition.id}`;
  }
  if (
    makers.keys.includes(maker.keyId) ||
    makers.teams.includes(maker.teamName) ||
    (maker.agent !== undefined && makers.agents.includes(maker.agent)) ||
    agentInRole(maker.agent)
  )
    return undefined;
  return `key ${maker.keyId} (team ${maker.teamName}${maker.agent ? `, agent ${maker.agent}` : ''}) may not make ${definition.id}`;
}

const makerName = (maker: DecisionMaker): string =>
  maker.kind === 'human' ? maker.name : (maker.agent ?? maker.keyId);

function summarise(context: Readonly<Record<string, unknown>>): string {
  return Object.entries(context)
    .slice(0, 6)
    .map(([name, value]) => `${name}=${typeof value === 'string' ? value : (JSON.stringify(value) ?? 'undefined')}`)
    .join(', ')
    .slice(0, 300);
}

/** Fail closed: an answer that could not be put on the record is not given. */
const decisionUnrecorded = (cause: unknown): PodiumError =>
  auditUnavailable({ what: 'the decision', consequence: 'it is not allowed', cause });
