import { listOf, teamSchema } from '../contract/index.js';
import type { AdminClient } from './admin-client.js';

/**
 * Resolves team ids to names for human output (ids are opaque `team_<32 hex>`), listing teams again only
 * when asked about an id it has not seen.
 */
export function createTeamNames(
  client: AdminClient,
): (teamIds: readonly (string | null)[]) => Promise<ReadonlyMap<string, string>> {
  let names: Map<string, string> | undefined;
  return async (teamIds) => {
    const known = names;
    if (known !== undefined && teamIds.every((id) => id === null || known.has(id))) return known;
    const { data } = await client.call({ method: 'GET', path: '/api/v1/teams', schema: listOf(teamSchema) });
    names = new Map(data.map((team) => [team.id, team.name]));
    return names;
  };
}
