/** What a budget scope is matched against: who calls, for whom, with which labels, on what. */
import type { BudgetDefinition, PriorityTier } from '../../contract/index.js';

export interface BudgetSubject {
  orgId: string;
  teamId: string;
  teamName: string;
  projectId: string | null;
  projectName: string | null;
  keyId: string;
  keyPrefix: string;
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

/**
 * Whether a call falls under a budget. Teams, projects and keys match by id or by name (the call
 * carries both), so a budget written before its team exists applies the moment the team does.
 * Organisations match by id or by the name resolved at load (`organizationId`).
 */
export function matchesScope(definition: BudgetDefinition, organizationId: string | undefined, subject: BudgetSubject): boolean {
  const value = definition.scope.value;
  switch (definition.scope.kind) {
    case 'organization':
      return subject.orgId === value || subject.orgId === organizationId;
    case 'team':
      return subject.teamId === value || subject.teamName === value;
    case 'project':
      return subject.projectId !== null && (subject.projectId === value || `${subject.teamName}/${subject.projectName ?? ''}` === value);
    case 'key':
      return subject.keyId === value || subject.keyPrefix === value;
    case 'user':
      return subject.endUser === value;
    case 'tag': {
      const at = value.indexOf('=');
      return subject.tags?.[value.slice(0, at)] === value.slice(at + 1);
    }
    case 'model':
      return subject.model === value;
    case 'provider':
      return subject.provider === value;
  }
}
