/**
 * Evaluates Cedar policies: deny by default, `forbid` beats `permit`, and every answer names the
 * policies that decided. A raw Cedar-wasm check costs ~85 µs here (preparsed policy set), too much
 * for every model call, so answers are cached by a key that identifies everything they depend on
 * (principal and its attributes, action, resource, context); the cache is per policy set, so a new
 * set starts empty.
 */
import * as cedar from '@cedar-policy/cedar-wasm/nodejs';
import type { CedarValueJson, EntityJson } from '@cedar-policy/cedar-wasm/nodejs';
import type { LoadedPolicies } from './load-policies.js';
import { podiumNamespace } from './podium-schema.js';

export interface PolicyEntity {
  /** Unqualified type (`Key`, `Model`, …): the Podium namespace is added. */
  type: string;
  id: string;
  attrs?: Record<string, CedarValueJson>;
  parents?: readonly { type: string; id: string }[];
}

export interface PolicyRequest {
  principal: PolicyEntity;
  /** `model.call`, `tool.call`, `decision.make`, `budget.request`. */
  action: string;
  resource: PolicyEntity;
  context: Record<string, CedarValueJson>;
  /** Further entities Cedar needs to see the hierarchy (the principal's agent and its roles). */
  entities?: readonly PolicyEntity[];
  /** Equal keys must mean equal requests: the answer is cached under it. Omit to skip the cache. */
  cacheKey?: string;
}

export interface PolicyAnswer {
  decision: 'allow' | 'deny';
  /** The policies that decided: the forbids that matched, else the permits; empty = default deny. */
  policies: string[];
  /** Policies that failed to evaluate (they count as not matching, as Cedar specifies). */
  errors: string[];
}

export interface PolicyEngineOptions {
  policies: LoadedPolicies;
  /** Most cached answers kept (oldest evicted). */
  cacheSize?: number;
}

let nextSetId = 0;

export class PolicyEngine {
  private readonly setId: string;
  private readonly cache = new Map<string, PolicyAnswer>();
  private readonly cacheSize: number;
  private hits = 0;
  private misses = 0;

  constructor(private readonly options: PolicyEngineOptions) {
    this.setId = `podium-policies-${nextSetId++}`;
    this.cacheSize = options.cacheSize ?? 10_000;
    const parsed = cedar.preparsePolicySet(this.setId, { staticPolicies: options.policies.policies });
    if (parsed.type === 'failure')
      throw new Error(`policy set rejected: ${parsed.errors.map((error) => error.message).join('; ')}`);
  }

  /** The decision context fields `decision.make` policies were validated against. */
  get decisionFields(): LoadedPolicies['decisionFields'] {
    return this.options.policies.decisionFields;
  }

  /** The tool argument fields `tool.call` policies were validated against (`context.arguments`). */
  get toolArgumentFields(): LoadedPolicies['toolArgumentFields'] {
    return this.options.policies.toolArgumentFields;
  }

  /** The set's hash: what an approval is bound to. */
  get revision(): string {
    return this.options.policies.revision;
  }

  /** Who must approve what `policyId` permits (`@approval`); undefined when it needs no human. */
  approvers(policyId: string): readonly string[] | undefined {
    return this.options.policies.approvers[policyId];
  }

  /** How many policies the set holds. */
  get policyCount(): number {
    return Object.keys(this.options.policies.policies).length;
  }

  /** Where a policy was written (`file:line:column`). */
  origin(policyId: string): string | undefined {
    return this.options.policies.origins[policyId];
  }

  /** Cache hits and misses since start (checks without a cache key are neither). */
  stats(): { hits: number; misses: number } {
    return { hits: this.hits, misses: this.misses };
  }

  check(request: PolicyRequest): PolicyAnswer {
    return this.answer(request.cacheKey, () => request);
  }

  /**
   * The cached answer under `key`, else the evaluation of the request `build` returns (then cached):
   * on a hit the request is never built, which is most of a check's cost.
   */
  answer(key: string | undefined, build: () => PolicyRequest): PolicyAnswer {
    if (key !== undefined) {
      const cached = this.cache.get(key);
      if (cached) {
        this.hits += 1;
        return cached;
      }
      this.misses += 1;
    }
    const answer = this.evaluate(build());
    if (key !== undefined) {
      if (this.cache.size >= this.cacheSize) this.cache.delete(this.cache.keys().next().value as string);
      this.cache.set(key, answer);
    }
    return answer;
  }

  private evaluate(request: PolicyRequest): PolicyAnswer {
    const result = cedar.statefulIsAuthorized({
      principal: uid(request.principal),
      action: { type: `${podiumNamespace}::Action`, id: request.action },
      resource: uid(request.resource),
      context: request.context,
      preparsedPolicySetId: this.setId,
      entities: [entity(request.principal), entity(request.resource), ...(request.entities ?? []).map(entity)],
    });
    if (result.type === 'failure')
      return { decision: 'deny', policies: [], errors: result.errors.map((error) => error.message) };
    const { decision, diagnostics } = result.response;
    return {
      decision,
      policies: diagnostics.reason,
      errors: diagnostics.errors.map((error) => `${error.policyId}: ${error.error.message}`),
    };
  }
}

const qualified = (type: string): string => `${podiumNamespace}::${type}`;
const uid = (value: { type: string; id: string }) => ({ type: qualified(value.type), id: value.id });

function entity(value: PolicyEntity): EntityJson {
  return { uid: uid(value), attrs: value.attrs ?? {}, parents: (value.parents ?? []).map(uid) };
}
