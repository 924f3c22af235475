/**
 * Who asks, as Cedar sees it. A virtual key is a `Podium::Key` in its team and — when the call names
 * an agent (`x-podium-agent`) — in that agent, which is itself in its roles; a named human is a
 * `Podium::User` in their roles. So `principal in Podium::Team::"support"`, `principal in
 * Podium::Agent::"refund-bot"` and `principal in Podium::Role::"finance"` all work, for any action.
 */
import type { PolicyEntity } from './policy-engine.js';

/** A virtual key (an app or an agent, optionally naming the agent) or a named human. */
export type PolicyPrincipal =
  | { kind: 'key'; keyId: string; teamName: string; tier: string; agent?: string | undefined }
  | { kind: 'human'; name: string };

/**
 * Role name → its members as podium.yaml's `roles:` declares them: humans by name, agents as
 * `agent:<name>`. The prefix keeps the two apart: an agent name is whatever a key's holder sends in
 * `x-podium-agent`, so a key naming itself `alice` must not inherit the human alice's roles.
 */
export type PolicyRoles = Readonly<Record<string, readonly string[]>>;

/** How a role lists an agent among its members. */
export const agentMemberPrefix = 'agent:';

/** Member entry (`alice`, `agent:refund-bot`) → the roles it belongs to, computed once per role set. */
export function indexRoles(roles: PolicyRoles): ReadonlyMap<string, readonly string[]> {
  const index = new Map<string, string[]>();
  for (const [role, members] of Object.entries(roles)) {
    for (const member of members) index.set(member, [...(index.get(member) ?? []), role]);
  }
  return index;
}

/**
 * The principal's entity and the ancestors Cedar must be given for `in` to see through them (the agent
 * and its role edges). Roles themselves need no entity: an edge pointing at them is enough.
 */
export function principalEntities(
  principal: PolicyPrincipal,
  roles: ReadonlyMap<string, readonly string[]>,
): { principal: PolicyEntity; ancestors: PolicyEntity[] } {
  const roleParents = (member: string) => (roles.get(member) ?? []).map((role) => ({ type: 'Role', id: role }));
  const agentRoleParents = (agent: string) => roleParents(`${agentMemberPrefix}${agent}`);
  if (principal.kind === 'human')
    return { principal: { type: 'User', id: principal.name, parents: roleParents(principal.name) }, ancestors: [] };
  const parents = [{ type: 'Team', id: principal.teamName }];
  const ancestors: PolicyEntity[] = [];
  if (principal.agent !== undefined) {
    // The agent is a name the key's holder asserts: a key "in" an agent means "this key, acting as that agent".
    parents.push({ type: 'Agent', id: principal.agent });
    ancestors.push({ type: 'Agent', id: principal.agent, parents: agentRoleParents(principal.agent) });
  }
  return { principal: { type: 'Key', id: principal.keyId, attrs: { tier: principal.tier }, parents }, ancestors };
}

/** `key key_1 (team support, agent refund-bot)` or `user alice`: for messages. */
export function describePrincipal(principal: PolicyPrincipal): string {
  if (principal.kind === 'human') return `user ${principal.name}`;
  return `key ${principal.keyId} (team ${principal.teamName}${principal.agent !== undefined ? `, agent ${principal.agent}` : ''})`;
}

/** `key:key_1/agent:refund-bot` or `user:alice`: the audit trail's actor. */
export function principalActor(principal: PolicyPrincipal): string {
  if (principal.kind === 'human') return `user:${principal.name}`;
  return `key:${principal.keyId}${principal.agent !== undefined ? `/agent:${principal.agent}` : ''}`;
}
