import { z } from 'zod';
import type { Key, Organization, Project, Team } from '../../contract/index.js';
import { toIsoString, toIsoStringOrNull } from '../store/index.js';

/** Rows as the identity tables return them (snake_case, timestamps as Date). */
export interface OrganizationRow {
  id: string;
  name: string;
  created_at: Date;
}
export interface TeamRow {
  id: string;
  org_id: string;
  name: string;
  created_at: Date;
}
export interface ProjectRow {
  id: string;
  team_id: string;
  name: string;
  created_at: Date;
}
export interface KeyRow {
  id: string;
  prefix: string;
  name: string | null;
  org_id: string;
  team_id: string;
  team_name: string;
  project_id: string | null;
  project_name: string | null;
  allowed_models: unknown;
  tier: 'critical' | 'standard' | 'batch';
  created_at: Date;
  revoked_at: Date | null;
}

/** The key columns plus the team and project names a listing shows; `k` is api_keys, joined to teams and projects. */
export const keyColumns = `k.id, k.prefix, k.name, k.org_id, k.team_id, t.name AS team_name, k.project_id,
  p.name AS project_name, k.allowed_models, k.tier, k.created_at, k.revoked_at`;

/** Stored JSON is parsed at the boundary like any other input. */
const allowedModelsSchema = z.array(z.string()).nullable();

export const toOrganization = (row: OrganizationRow): Organization => ({
  id: row.id,
  name: row.name,
  createdAt: toIsoString(row.created_at),
});

export const toTeam = (row: TeamRow): Team => ({
  id: row.id,
  orgId: row.org_id,
  name: row.name,
  createdAt: toIsoString(row.created_at),
});

export const toProject = (row: ProjectRow): Project => ({
  id: row.id,
  teamId: row.team_id,
  name: row.name,
  createdAt: toIsoString(row.created_at),
});

export const toKey = (row: KeyRow): Key => ({
  id: row.id,
  prefix: row.prefix,
  name: row.name,
  orgId: row.org_id,
  teamId: row.team_id,
  teamName: row.team_name,
  projectId: row.project_id,
  projectName: row.project_name,
  allowedModels: allowedModelsSchema.parse(row.allowed_models),
  tier: row.tier,
  createdAt: toIsoString(row.created_at),
  revokedAt: toIsoStringOrNull(row.revoked_at),
});
