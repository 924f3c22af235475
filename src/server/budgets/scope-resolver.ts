/** Resolves budget scope names (team "payments", project "payments/refunds", key prefix) to the ids calls carry. */
import type { Key, Organization, Project, Team } from '../../contract/index.js';
import type { ScopeResolver } from './budget-subject.js';

export interface IdentityLookups {
  organization: Organization;
  findTeam(ref: string): Promise<Team | undefined>;
  findProject(teamId: string, ref: string): Promise<Project | undefined>;
  listProjects(teamId?: string): Promise<Project[]>;
  findKey(ref: string): Promise<Key | undefined>;
  listTeams(): Promise<Team[]>;
}

export function createScopeResolver(lookups: IdentityLookups): ScopeResolver {
  return {
    organization: (ref) =>
      Promise.resolve(
        ref === lookups.organization.name || ref === lookups.organization.id ? lookups.organization.id : undefined,
      ),
    team: async (ref) => (await lookups.findTeam(ref))?.id,
    async project(ref) {
      const slash = ref.indexOf('/');
      if (slash > 0) {
        const team = await lookups.findTeam(ref.slice(0, slash));
        return team && (await lookups.findProject(team.id, ref.slice(slash + 1)))?.id;
      }
      return (await lookups.listProjects()).find((project) => project.id === ref)?.id;
    },
    key: async (ref) => (await lookups.findKey(ref))?.id,
    teamIds: async () => (await lookups.listTeams()).map((team) => team.id),
  };
}
