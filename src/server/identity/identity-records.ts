/**
 * What identity needs from storage, stated here so the service is written against a narrow
 * interface (the store's identity repository satisfies it structurally).
 */
import type { Key, Organization, Project, Team } from '../../contract/index.js';

export interface NewKeyRecord {
  id: string;
  hash: string;
  prefix: string;
  name: string | null;
  orgId: string;
  teamId: string;
  projectId: string | null;
  allowedModels: string[] | null;
}

export interface IdentityRecords {
  ensureOrganization(name: string): Promise<Organization>;
  createTeam(input: { orgId: string; name: string }): Promise<Team>;
  listTeams(): Promise<Team[]>;
  findTeam(ref: string): Promise<Team | undefined>;
  createProject(input: { teamId: string; name: string }): Promise<Project>;
  listProjects(teamId?: string): Promise<Project[]>;
  findProject(teamId: string, ref: string): Promise<Project | undefined>;
  insertKey(input: NewKeyRecord): Promise<Key>;
  listKeys(filter: { teamId?: string | undefined; includeRevoked?: boolean | undefined }): Promise<Key[]>;
  findKey(ref: string): Promise<Key | undefined>;
  findKeyByHash(hash: string): Promise<Key | undefined>;
  revokeKey(id: string): Promise<Key | undefined>;
}

export interface SettingsRecords {
  get(key: string): Promise<unknown>;
  setIfAbsent(key: string, value: unknown): Promise<boolean>;
}
