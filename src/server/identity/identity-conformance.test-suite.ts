import { createHash, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PodiumError, keySchema, type Organization, type Team } from '../../contract/index.js';
import { newId } from '../store/index.js';
import type { NewKey } from './identity-repository.js';
import type { DatabaseAccessor } from '../store/database-accessor.test-suite.js';
import { createIdentityRepository } from './identity-repository.js';

const unique = (label: string): string => `${label}-${randomUUID().slice(0, 8)}`;
const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function describeIdentityConformance(database: DatabaseAccessor): void {
  const identity = () => createIdentityRepository(database());
  const organization = (): Promise<Organization> => identity().ensureOrganization('default');
  const team = async (): Promise<Team> =>
    identity().createTeam({ orgId: (await organization()).id, name: unique('team') });
  const newKey = (fields: Pick<NewKey, 'orgId' | 'teamId'> & Partial<NewKey>): NewKey => {
    const secret = `pk-${randomUUID()}`;
    return {
      id: newId('key'),
      hash: createHash('sha256').update(secret).digest('hex'),
      prefix: secret.slice(0, 11),
      name: null,
      projectId: null,
      allowedModels: null,
      tier: 'standard',
      ...fields,
    };
  };

  describe('identity: organizations and teams', () => {
    it('ensures an organization exactly once, even when asked concurrently', async () => {
      const name = unique('org');
      const results = await Promise.all([1, 2, 3].map(() => identity().ensureOrganization(name)));
      expect(new Set(results.map((org) => org.id)).size).toBe(1);
      expect(results[0]).toMatchObject({ name, id: expect.stringMatching(/^org_[0-9a-f]{32}$/) as unknown });
      expect(results[0]?.createdAt).toMatch(isoInstant);
    });

    it('creates, lists and finds teams by id or name', async () => {
      const created = await team();
      expect(created).toMatchObject({
        id: expect.stringMatching(/^team_[0-9a-f]{32}$/) as unknown,
        orgId: (await organization()).id,
      });
      expect(await identity().listTeams()).toContainEqual(created);
      expect(await identity().findTeam(created.id)).toEqual(created);
      expect(await identity().findTeam(created.name)).toEqual(created);
      expect(await identity().findTeam(unique('missing'))).toBeUndefined();
    });

    it('refuses a duplicate team name in one organization but allows it in another', async () => {
      const created = await team();
      const duplicate = identity().createTeam({ orgId: created.orgId, name: created.name });
      await expect(duplicate).rejects.toBeInstanceOf(PodiumError);
      await expect(duplicate).rejects.toMatchObject({
        code: 'conflict',
        param: 'name',
        message: `team "${created.name}" already exists`,
      });
      const other = await identity().ensureOrganization(unique('org'));
      await expect(identity().createTeam({ orgId: other.id, name: created.name })).resolves.toMatchObject({
        orgId: other.id,
      });
    });

    it('reports an unknown organization as not found', async () => {
      await expect(identity().createTeam({ orgId: 'org_missing', name: unique('team') })).rejects.toMatchObject({
        code: 'not_found',
      });
    });
  });

  describe('identity: projects', () => {
    it('creates, lists per team and finds projects within their team only', async () => {
      const [first, second] = [await team(), await team()];
      const project = await identity().createProject({ teamId: first.id, name: 'web' });
      const sameName = await identity().createProject({ teamId: second.id, name: 'web' });
      expect(project).toMatchObject({
        id: expect.stringMatching(/^proj_[0-9a-f]{32}$/) as unknown,
        teamId: first.id,
        name: 'web',
      });
      expect(await identity().listProjects(first.id)).toEqual([project]);
      expect(await identity().listProjects()).toEqual(expect.arrayContaining([project, sameName]));
      expect(await identity().findProject(first.id, 'web')).toEqual(project);
      expect(await identity().findProject(first.id, project.id)).toEqual(project);
      expect(await identity().findProject(second.id, project.id)).toBeUndefined();
    });

    it('refuses a duplicate project name in a team and an unknown team', async () => {
      const owner = await team();
      await identity().createProject({ teamId: owner.id, name: 'api' });
      await expect(identity().createProject({ teamId: owner.id, name: 'api' })).rejects.toMatchObject({
        code: 'conflict',
        param: 'name',
      });
      await expect(identity().createProject({ teamId: 'team_missing', name: 'api' })).rejects.toMatchObject({
        code: 'not_found',
        param: 'team',
      });
    });
  });

  describe('identity: keys', () => {
    it('stores a key and returns it with team and project names, never the hash', async () => {
      const owner = await team();
      const project = await identity().createProject({ teamId: owner.id, name: 'batch' });
      const input = newKey({
        orgId: owner.orgId,
        teamId: owner.id,
        projectId: project.id,
        name: 'ci',
        allowedModels: ['gpt-4o', 'claude'],
        tier: 'batch',
      });
      const key = await identity().insertKey(input);
      expect(key).toEqual({
        id: input.id,
        prefix: input.prefix,
        name: 'ci',
        orgId: owner.orgId,
        teamId: owner.id,
        teamName: owner.name,
        projectId: project.id,
        projectName: 'batch',
        allowedModels: ['gpt-4o', 'claude'],
        tier: 'batch',
        createdAt: expect.stringMatching(isoInstant) as unknown,
        revokedAt: null,
      });
      expect(keySchema.strict().parse(key)).toEqual(key);
      expect(await identity().findKeyByHash(input.hash)).toEqual(key);
      expect(await identity().findKey(input.id)).toEqual(key);
      expect(await identity().findKey(input.prefix)).toEqual(key);
      expect(await identity().findKey(unique('pk'))).toBeUndefined();
    });

    it('keeps a team-wide key with every model allowed as nulls', async () => {
      const owner = await team();
      const key = await identity().insertKey(newKey({ orgId: owner.orgId, teamId: owner.id }));
      expect(key).toMatchObject({ projectId: null, projectName: null, allowedModels: null, name: null });
    });

    it('lists keys by team, hiding revoked ones unless asked', async () => {
      const owner = await team();
      const kept = await identity().insertKey(newKey({ orgId: owner.orgId, teamId: owner.id }));
      const revoked = await identity().insertKey(newKey({ orgId: owner.orgId, teamId: owner.id }));
      await identity().revokeKey(revoked.id);
      expect(await identity().listKeys({ teamId: owner.id })).toEqual([kept]);
      const all = await identity().listKeys({ teamId: owner.id, includeRevoked: true });
      // Keys created in the same millisecond have no defined order between them.
      expect(all.map((key) => key.id).sort()).toEqual([kept.id, revoked.id].sort());
      expect(await identity().listKeys()).toContainEqual(kept);
    });

    it('revokes once, keeps the first revocation time, and still finds the key by hash', async () => {
      const owner = await team();
      const input = newKey({ orgId: owner.orgId, teamId: owner.id });
      await identity().insertKey(input);
      const first = await identity().revokeKey(input.id);
      expect(first?.revokedAt).toMatch(isoInstant);
      const again = await identity().revokeKey(input.id);
      expect(again?.revokedAt).toBe(first?.revokedAt);
      expect(await identity().findKeyByHash(input.hash)).toMatchObject({ id: input.id, revokedAt: first?.revokedAt });
      expect(await identity().revokeKey('key_missing')).toBeUndefined();
    });

    it('refuses a key whose project is in another team, whose team is in another org, or whose secret is reused', async () => {
      const [owner, other] = [await team(), await team()];
      const foreignProject = await identity().createProject({ teamId: other.id, name: 'foreign' });
      const elsewhere = await identity().ensureOrganization(unique('org'));
      await expect(
        identity().insertKey(newKey({ orgId: owner.orgId, teamId: owner.id, projectId: foreignProject.id })),
      ).rejects.toMatchObject({
        code: 'not_found',
        param: 'project',
      });
      await expect(identity().insertKey(newKey({ orgId: elsewhere.id, teamId: owner.id }))).rejects.toMatchObject({
        code: 'not_found',
        param: 'team',
      });
      const stored = newKey({ orgId: owner.orgId, teamId: owner.id });
      await identity().insertKey(stored);
      await expect(
        identity().insertKey(newKey({ orgId: owner.orgId, teamId: owner.id, hash: stored.hash })),
      ).rejects.toMatchObject({ code: 'conflict' });
    });
  });
}
