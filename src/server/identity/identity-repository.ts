import { PodiumError, type Key, type Organization, type Project, type Team } from '../../contract/index.js';
import { constraintViolation } from '../store/index.js';
import { newId } from '../store/index.js';
import { keyColumns, toKey, toOrganization, toProject, toTeam } from './identity-rows.js';
import type { KeyRow, OrganizationRow, ProjectRow, TeamRow } from './identity-rows.js';
import type { SqlClient } from '../store/index.js';

/** A key to store. The caller makes the secret, so it also makes the id (see `newId('key')`) and the hash. */
export interface NewKey {
  id: string;
  /** SHA-256 hex of the secret. */
  hash: string;
  /** The visible start of the secret, shown in listings. */
  prefix: string;
  name: string | null;
  orgId: string;
  teamId: string;
  projectId: string | null;
  allowedModels: string[] | null;
  tier: 'critical' | 'standard' | 'batch';
}

/** Organizations, teams, projects and API keys. References (`ref`) accept an id or a name (a prefix for keys). */
export interface IdentityRepository {
  /** The organization named `name`, created if absent; safe when several replicas start at once. */
  ensureOrganization(name: string): Promise<Organization>;
  /** @throws PodiumError `conflict` when the name is taken in the organization, `not_found` for an unknown org. */
  createTeam(input: { orgId: string; name: string }): Promise<Team>;
  listTeams(): Promise<Team[]>;
  /** An id match wins over a name match. */
  findTeam(ref: string): Promise<Team | undefined>;
  /** @throws PodiumError `conflict` when the name is taken in the team, `not_found` for an unknown team. */
  createProject(input: { teamId: string; name: string }): Promise<Project>;
  listProjects(teamId?: string): Promise<Project[]>;
  findProject(teamId: string, ref: string): Promise<Project | undefined>;
  /** @throws PodiumError `not_found` when the team is not in the org or the project not in the team. */
  insertKey(key: NewKey): Promise<Key>;
  /** Oldest first; revoked keys only when asked. */
  listKeys(filter?: { teamId?: string | undefined; includeRevoked?: boolean | undefined }): Promise<Key[]>;
  /** By id, else by prefix (the oldest key with it). Revoked keys included. */
  findKey(ref: string): Promise<Key | undefined>;
  /** Revoked keys included: the caller must tell "revoked" from "unknown". */
  findKeyByHash(hash: string): Promise<Key | undefined>;
  /** Marks the key revoked; revoking again keeps the first time. Undefined for an unknown id. */
  revokeKey(id: string): Promise<Key | undefined>;
}

const keyFrom = (source: string): string =>
  `SELECT ${keyColumns} FROM ${source} k JOIN teams t ON t.id = k.team_id LEFT JOIN projects p ON p.id = k.project_id`;

/** The identity repository over `sql`. */
export function createIdentityRepository(sql: SqlClient): IdentityRepository {
  return {
    async ensureOrganization(name) {
      const inserted = await sql.query<OrganizationRow>(
        'INSERT INTO organizations (id, name) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING RETURNING id, name, created_at',
        [newId('org'), name],
      );
      // On conflict nothing is returned; this second statement sees the winner's committed row.
      const rows =
        inserted.length > 0
          ? inserted
          : await sql.query<OrganizationRow>('SELECT id, name, created_at FROM organizations WHERE name = $1', [name]);
      return toOrganization(single(rows));
    },

    async createTeam({ orgId, name }) {
      const rows = await sql
        .query<TeamRow>(
          'INSERT INTO teams (id, org_id, name) VALUES ($1, $2, $3) RETURNING id, org_id, name, created_at',
          [newId('team'), orgId, name],
        )
        .catch(
          rethrow({
            unique: `team "${name}" already exists`,
            foreignKey: () => ['organization', `organization "${orgId}" not found`],
          }),
        );
      return toTeam(single(rows));
    },

    async listTeams() {
      const rows = await sql.query<TeamRow>('SELECT id, org_id, name, created_at FROM teams ORDER BY name, id');
      return rows.map(toTeam);
    },

    async findTeam(ref) {
      const rows = await sql.query<TeamRow>(
        'SELECT id, org_id, name, created_at FROM teams WHERE id = $1 OR name = $1 ORDER BY (id = $1) DESC, created_at LIMIT 1',
        [ref],
      );
      return rows[0] && toTeam(rows[0]);
    },

    async createProject({ teamId, name }) {
      const rows = await sql
        .query<ProjectRow>(
          'INSERT INTO projects (id, team_id, name) VALUES ($1, $2, $3) RETURNING id, team_id, name, created_at',
          [newId('proj'), teamId, name],
        )
        .catch(
          rethrow({
            unique: `project "${name}" already exists`,
            foreignKey: () => ['team', `team "${teamId}" not found`],
          }),
        );
      return toProject(single(rows));
    },

    async listProjects(teamId) {
      const rows = await sql.query<ProjectRow>(
        'SELECT id, team_id, name, created_at FROM projects WHERE $1::text IS NULL OR team_id = $1 ORDER BY name, id',
        [teamId ?? null],
      );
      return rows.map(toProject);
    },

    async findProject(teamId, ref) {
      const rows = await sql.query<ProjectRow>(
        `SELECT id, team_id, name, created_at FROM projects
         WHERE team_id = $1 AND (id = $2 OR name = $2) ORDER BY (id = $2) DESC LIMIT 1`,
        [teamId, ref],
      );
      return rows[0] && toProject(rows[0]);
    },

    async insertKey(key) {
      const rows = await sql
        .query<KeyRow>(
          `WITH k AS (
             INSERT INTO api_keys (id, hash, prefix, name, org_id, team_id, project_id, allowed_models, tier)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9) RETURNING *)
           ${keyFrom('k')}`,
          [
            key.id,
            key.hash,
            key.prefix,
            key.name,
            key.orgId,
            key.teamId,
            key.projectId,
            key.allowedModels === null ? null : JSON.stringify(key.allowedModels),
            key.tier,
          ],
        )
        .catch(
          rethrow({
            unique: `a key with id "${key.id}" or the same secret already exists`,
            uniqueParam: 'id',
            foreignKey: keyForeignKeyMessage(key),
          }),
        );
      return toKey(single(rows));
    },

    async listKeys(filter = {}) {
      const rows = await sql.query<KeyRow>(
        `${keyFrom('api_keys')} WHERE ($1::text IS NULL OR k.team_id = $1) AND ($2 OR k.revoked_at IS NULL) ORDER BY k.created_at, k.id`,
        [filter.teamId ?? null, filter.includeRevoked ?? false],
      );
      return rows.map(toKey);
    },

    async findKey(ref) {
      const rows = await sql.query<KeyRow>(
        `${keyFrom('api_keys')} WHERE k.id = $1 OR k.prefix = $1 ORDER BY (k.id = $1) DESC, k.created_at, k.id LIMIT 1`,
        [ref],
      );
      return rows[0] && toKey(rows[0]);
    },

    async findKeyByHash(hash) {
      const rows = await sql.query<KeyRow>(`${keyFrom('api_keys')} WHERE k.hash = $1`, [hash]);
      return rows[0] && toKey(rows[0]);
    },

    async revokeKey(id) {
      const rows = await sql.query<KeyRow>(
        `WITH k AS (UPDATE api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING *) ${keyFrom('k')}`,
        [id],
      );
      return rows[0] && toKey(rows[0]);
    },
  };
}

/** An INSERT … RETURNING of one row returns exactly one row. */
function single<Row>(rows: Row[]): Row {
  const [row] = rows;
  if (row === undefined) throw new PodiumError('internal_error', 'the database returned no row for an insert');
  return row;
}

interface ViolationMessages {
  unique: string;
  /** The request field a duplicate is blamed on; `name` unless set. */
  uniqueParam?: string;
  /** The request field at fault and the message, for the violated foreign-key constraint. */
  foreignKey: (constraint: string | undefined) => [param: string, message: string];
}

/** Turns constraint violations into PodiumErrors a caller can show; anything else passes through. */
function rethrow(messages: ViolationMessages): (error: unknown) => never {
  return (error) => {
    const violation = constraintViolation(error);
    if (violation?.kind === 'unique')
      throw new PodiumError('conflict', messages.unique, { param: messages.uniqueParam ?? 'name', cause: error });
    if (violation?.kind === 'foreign-key') {
      const [param, message] = messages.foreignKey(violation.constraint);
      throw new PodiumError('not_found', message, { param, cause: error });
    }
    throw error;
  };
}

function keyForeignKeyMessage(key: NewKey): ViolationMessages['foreignKey'] {
  return (constraint) => {
    if (constraint === 'api_keys_project_fkey')
      return ['project', `project "${key.projectId}" not found in team "${key.teamId}"`];
    if (constraint === 'api_keys_team_fkey')
      return ['team', `team "${key.teamId}" not found in organization "${key.orgId}"`];
    return ['organization', `organization "${key.orgId}" not found`];
  };
}
