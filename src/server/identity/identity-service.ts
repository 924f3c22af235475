/**
 * Organisations → teams → projects, and the virtual keys that identify callers. The gateway calls
 * `authenticate` on every request (memory only when warm); the admin API calls the rest.
 */
import { randomUUID } from 'node:crypto';
import {
  PodiumError,
  type CreatedKey,
  type CreateKeyBody,
  type Key,
  type Organization,
  type Project,
  type Team,
} from '../../contract/index.js';
import type { Caller } from './caller.js';
import type { IdentityRecords } from './identity-records.js';
import { KeyCache } from './key-cache.js';
import { generateSecret, hashSecret } from './key-secret.js';

export const defaultOrganization = 'default';

export interface IdentityServiceOptions {
  records: IdentityRecords;
  now?: () => number;
  /** Bound on how long a key revoked on another replica keeps working here (default 10 s). */
  cacheTtlMs?: number;
  /**
   * How long past `cacheTtlMs` a known key keeps being served while the database is unreachable (default
   * 1 h; 0 turns it off). Trade-off: a key revoked on another replica during the outage, or shortly before
   * it, keeps working here for up to this long; without it, every call fails once the cache expires.
   */
  staleKeyTtlMs?: number;
}

/** The defaults of {@link IdentityServiceOptions}. */
export const keyCacheDefaults = { cacheTtlMs: 10_000, staleKeyTtlMs: 3_600_000 } as const;

const toCaller = (key: Key): Caller => ({
  keyId: key.id,
  keyPrefix: key.prefix,
  orgId: key.orgId,
  teamId: key.teamId,
  teamName: key.teamName,
  projectId: key.projectId,
  projectName: key.projectName,
  allowedModels: key.allowedModels ? new Set(key.allowedModels) : null,
  tier: key.tier,
});

export class IdentityService {
  private readonly cache: KeyCache;
  private readonly callers = new WeakMap<Key, Caller>();
  private orgId: string | undefined;

  constructor(private readonly options: IdentityServiceOptions) {
    this.cache = new KeyCache({
      ttlMs: options.cacheTtlMs ?? keyCacheDefaults.cacheTtlMs,
      staleTtlMs: options.staleKeyTtlMs ?? keyCacheDefaults.staleKeyTtlMs,
      negativeTtlMs: 2_000,
      maxEntries: 50_000,
      now: options.now ?? Date.now,
    });
  }

  /** Creates the default organisation; call once at start. */
  async initialize(): Promise<Organization> {
    const organization = await this.options.records.ensureOrganization(defaultOrganization);
    this.orgId = organization.id;
    return organization;
  }

  /**
   * Resolves a presented secret to its caller, or throws invalid_api_key / key_revoked. While the database
   * is unreachable a known key is served from its stale cache entry (revoked stays revoked); an unknown one
   * gets the store's `store_unavailable` (503): "not found" is only ever the database's answer.
   */
  async authenticate(secret: string): Promise<Caller> {
    const hash = hashSecret(secret);
    const key = (this.cache.get(hash) ?? (await this.lookUp(hash))).key;
    if (!key) throw new PodiumError('invalid_api_key', 'Incorrect API key provided.');
    if (key.revokedAt) throw new PodiumError('key_revoked', `This API key was revoked at ${key.revokedAt}.`);
    let caller = this.callers.get(key);
    if (!caller) {
      caller = toCaller(key);
      this.callers.set(key, caller);
    }
    return caller;
  }

  private async lookUp(hash: string): Promise<{ key: Key | undefined }> {
    try {
      const key = await this.options.records.findKeyByHash(hash);
      this.cache.set(hash, key);
      return { key };
    } catch (error) {
      const stale =
        error instanceof PodiumError && error.code === 'store_unavailable' ? this.cache.stale(hash) : undefined;
      if (stale) return stale;
      throw error;
    }
  }

  async createTeam(name: string): Promise<Team> {
    return this.options.records.createTeam({ orgId: this.requireOrg(), name });
  }

  listTeams(): Promise<Team[]> {
    return this.options.records.listTeams();
  }

  async createProject(teamRef: string, name: string): Promise<Project> {
    const team = await this.requireTeam(teamRef, 'team');
    return this.options.records.createProject({ teamId: team.id, name });
  }

  async listProjects(teamRef?: string): Promise<Project[]> {
    const team = teamRef === undefined ? undefined : await this.requireTeam(teamRef, 'team');
    return this.options.records.listProjects(team?.id);
  }

  /** Creates a key; the returned `key` is the only time the secret exists outside the caller's hands. */
  async createKey(body: CreateKeyBody): Promise<CreatedKey> {
    const team = await this.requireTeam(body.team, 'team');
    let projectId: string | null = null;
    if (body.project !== undefined) {
      const project = await this.options.records.findProject(team.id, body.project);
      if (!project)
        throw new PodiumError('not_found', `project "${body.project}" does not exist in team "${team.name}"`, {
          param: 'project',
        });
      projectId = project.id;
    }
    const secret = generateSecret('pk');
    const key = await this.options.records.insertKey({
      id: `key_${randomUUID().replace(/-/g, '')}`,
      hash: secret.hash,
      prefix: secret.prefix,
      name: body.name ?? null,
      orgId: team.orgId,
      teamId: team.id,
      projectId,
      allowedModels: body.allowedModels ?? null,
      tier: body.tier ?? 'standard',
    });
    return { ...key, key: secret.secret };
  }

  async listKeys(filter: { team?: string | undefined; includeRevoked?: boolean | undefined }): Promise<Key[]> {
    const team = filter.team === undefined ? undefined : await this.requireTeam(filter.team, 'team');
    return this.options.records.listKeys({ teamId: team?.id, includeRevoked: filter.includeRevoked });
  }

  /** Revokes by id or prefix; takes effect in this process immediately. */
  async revokeKey(ref: string): Promise<Key> {
    const key = await this.options.records.findKey(ref);
    if (!key) throw new PodiumError('not_found', `key "${ref}" does not exist`, { param: 'key' });
    const revoked = (await this.options.records.revokeKey(key.id)) ?? key;
    this.cache.replaceKey(revoked);
    return revoked;
  }

  /** Resolves a team reference (id or name) for filters such as the ledger's. */
  async requireTeam(ref: string, param: string): Promise<Team> {
    const team = await this.options.records.findTeam(ref);
    if (!team) throw new PodiumError('not_found', `team "${ref}" does not exist`, { param });
    return team;
  }

  private requireOrg(): string {
    if (!this.orgId) throw new Error('IdentityService.initialize() was not called');
    return this.orgId;
  }
}
