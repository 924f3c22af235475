import { randomUUID } from 'node:crypto';

/** Prefixes of the ids the store hands out: a reader of a log line can tell a team from a key. */
export type IdPrefix = 'org' | 'team' | 'proj' | 'key';

/**
 * A new id: the prefix, an underscore and 32 hex digits of a random UUID (v4, 122 random bits) without dashes,
 * e.g. `team_3f2a…`. Random rather than time-ordered: nothing sorts by these ids (ledger pagination orders by
 * time first), and they reveal nothing about when or in what order things were created.
 */
export function newId(prefix: IdPrefix): string {
  return `${prefix}_${randomUUID().replaceAll('-', '')}`;
}
