/** Reads the ledger for the admin API: team and key references (names, prefixes) resolved to ids. */
import { PodiumError, type Key, type ListRequestsQuery, type RequestPage, type Team } from '../../contract/index.js';
import type { LedgerFilter } from './ledger-repository.js';

export interface RequestQueryOptions {
  findTeam(ref: string): Promise<Team | undefined>;
  findKey(ref: string): Promise<Key | undefined>;
  list(filter: LedgerFilter): Promise<RequestPage>;
}

export function createRequestQuery(options: RequestQueryOptions): {
  list(query: ListRequestsQuery): Promise<RequestPage>;
} {
  return {
    async list(query) {
      let teamId: string | undefined;
      let keyId: string | undefined;
      if (query.team !== undefined) {
        const team = await options.findTeam(query.team);
        if (!team) throw new PodiumError('not_found', `team "${query.team}" does not exist`, { param: 'team' });
        teamId = team.id;
      }
      if (query.key !== undefined) {
        const key = await options.findKey(query.key);
        if (!key) throw new PodiumError('not_found', `key "${query.key}" does not exist`, { param: 'key' });
        keyId = key.id;
      }
      return options.list({
        teamId,
        keyId,
        model: query.model,
        kind: query.kind,
        tool: query.tool,
        since: query.since,
        until: query.until,
        limit: query.limit,
        cursor: query.cursor,
      });
    },
  };
}
