/** What a budget scope is matched against: who calls, for whom, with which labels, on what. */
import type { BudgetDefinition, PriorityTier } from '../../contract/index.js';

export interface BudgetSubject {
  orgId: string;
  teamId: string;
  projectId: string | null;
  keyId: string;
  tier: PriorityTier;
  endUser: string | undefined;
  tags: Readonly<Record<string, string>> | undefined;
  /** The model alias the client asked for (or was downgraded to). */
  model: string;
  /** The provider of the route's first target. */
  provider: string | undefined;
}

/** Turns scope values that name things (team "payments", key "pk-AbC…") into the ids calls carry. */
export interface ScopeResolver {
  organization(ref: string): Promise<string | undefined>;
  team(ref: string): Promise<string | undefined>;
  /** `team/project`, or a project id. */
  project(ref: string): Promise<string | undefined>;
  key(ref: string): Promise<string | undefined>;
}

/** The value calls carry for this scope (an id after resolution; verbatim for user, tag, model, provider). */
export async function resolveScope(definition: BudgetDefinition, resolver: ScopeResolver): Promise<string | undefined> {
  const { kind, value } = definition.scope;
  switch (kind) {
    case 'organization':
      return resolver.organization(value);
    case 'team':
      return resolver.team(value);
    case 'project':
      return resolver.project(value);
    case 'key':
      return resolver.key(value);
    default:
      return value;
  }
}

/** Whether a call falls under a budget whose scope resolved to `resolved`. */
export function matchesScope(definition: BudgetDefinition, resolved: string | undefined, subject: BudgetSubject): boolean {
  if (resolved === undefined) return false;
  switch (definition.scope.kind) {
    case 'organization':
      return subject.orgId === resolved;
    case 'team':
      return subject.teamId === resolved;
    case 'project':
      return subject.projectId === resolved;
    case 'key':
      return subject.keyId === resolved;
    case 'user':
      return subject.endUser === resolved;
    case 'tag': {
      const at = resolved.indexOf('=');
      return subject.tags?.[resolved.slice(0, at)] === resolved.slice(at + 1);
    }
    case 'model':
      return subject.model === resolved;
    case 'provider':
      return subject.provider === resolved;
  }
}
