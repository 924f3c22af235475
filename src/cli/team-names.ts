import type { RequestRecord } from '../contract/index.js';
import { listOf, teamSchema } from '../contract/index.js';
import type { AdminClient } from './admin-client.js';

/**
 * Resolves the team ids of ledger records to names for human output, listing teams again only when a
 * record names a team it has not seen.
 */
export function createTeamNames(client: AdminClient): (records: readonly RequestRecord[]) => Promise<ReadonlyMap<string, string>> {
  let names: Map<string, string> | undefined;
  return async (records) => {
    const known = names;
    if (known === undefined || records.some((record) => record.teamId !== null && !known.has(record.teamId))) {
      const { data } = await client.call({ method: 'GET', path: '/api/v1/teams', schema: listOf(teamSchema) });
      names = new Map(data.map((team) => [team.id, team.name]));
    }
    return names ?? new Map<string, string>();
  };
}
