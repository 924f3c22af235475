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
  /** Every team's id: the partitions of a user or tag budget without a team (status, rebuild). */
  teamIds(): Promise<string[]>;
}

/** A budget's scope as calls carry it: the value (an id once resolved) and, for user and tag scopes, the team. */
export interface ResolvedScope {
  value: string | undefined;
  /** The team id of a user or tag scope's `team`; undefined when it names no team (yet), or has none. */
  team: string | undefined;
}

/** Whether the scope's value is chosen by the caller (a header or body field), so it is counted per team. */
export function isCallerChosen(definition: BudgetDefinition): boolean {
  return definition.scope.kind === 'user' || definition.scope.kind === 'tag';
}

/**
 * The counter a call draws on, before its period: the budget id, or — for a user or tag budget that names no
 * team — one per team (`<id>@<team id>`), so one team's `x-podium-user: alice` never spends another's.
 */
export function partitionOf(definition: BudgetDefinition, subject: Pick<BudgetSubject, 'teamId'>): string {
  return isCallerChosen(definition) && definition.scope.team === undefined
    ? `${definition.id}@${subject.teamId}`
    : definition.id;
}

/** The value calls carry for this scope (ids after resolution; verbatim for user, tag, model, provider) and its team. */
export async function resolveScope(definition: BudgetDefinition, resolver: ScopeResolver): Promise<ResolvedScope> {
  const team = definition.scope.team === undefined ? undefined : await resolver.team(definition.scope.team);
  return { value: await resolveValue(definition, resolver), team };
}

async function resolveValue(definition: BudgetDefinition, resolver: ScopeResolver): Promise<string | undefined> {
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
 * Organisations match by id or by the name resolved at load. User and tag scopes with a `team` match
 * only that team's calls (by id or name): their values are whatever the caller sends.
 */
export function matchesScope(definition: BudgetDefinition, resolved: ResolvedScope, subject: BudgetSubject): boolean {
  const team = definition.scope.team;
  if (team !== undefined && subject.teamId !== resolved.team && subject.teamName !== team) return false;
  return matchesValue(definition, resolved.value, subject);
}

function matchesValue(
  definition: BudgetDefinition,
  organizationId: string | undefined,
  subject: BudgetSubject,
): boolean {
  const value = definition.scope.value;
  switch (definition.scope.kind) {
    case 'organization':
      return subject.orgId === value || subject.orgId === organizationId;
    case 'team':
      return subject.teamId === value || subject.teamName === value;
    case 'project':
      return (
        subject.projectId !== null &&
        (subject.projectId === value || `${subject.teamName}/${subject.projectName ?? ''}` === value)
      );
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
