/** Identity against a real (a throwaway database on the embedded PostgreSQL) store: keys stored hashed, shown once, revocable, cached. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PodiumError } from '../../contract/index.js';
import type { SqlClient } from '../store/index.js';
import { ensureAdminCredential } from './admin-credential.js';
import { IdentityService } from './identity-service.js';
import { hashSecret } from './key-secret.js';
import { openTestDatabase } from '../testkit/index.js';
import { createIdentityRepository } from '../identity/index.js';
import { createSettingsRepository } from '../store/index.js';

let store: SqlClient;
let clock = 0;
let identity: IdentityService;

beforeAll(async () => {
  store = await openTestDatabase();
  identity = new IdentityService({ records: createIdentityRepository(store), now: () => clock, cacheTtlMs: 10_000 });
  await identity.initialize();
  await identity.createTeam('payments');
  await identity.createProject('payments', 'refunds');
});
afterAll(async () => store.close());

describe('IdentityService', () => {
  it('creates a key whose secret is shown once and stored only as its hash', async () => {
    const created = await identity.createKey({ team: 'payments', project: 'refunds', name: 'bot' });
    expect(created.key).toMatch(/^pk-[0-9A-Za-z]{40}$/);
    expect(created.prefix).toBe(created.key.slice(0, 11));
    const rows = await store.query<{ hash: string }>('select hash from api_keys where id = $1', [created.id]);
    expect(rows[0]?.hash).toBe(hashSecret(created.key));
    expect(JSON.stringify(await store.query('select * from api_keys'))).not.toContain(created.key);
    const listed = await identity.listKeys({ team: 'payments' });
    expect(listed.find((key) => key.id === created.id)).toMatchObject({
      teamName: 'payments',
      projectName: 'refunds',
      name: 'bot',
    });
    expect(JSON.stringify(listed)).not.toContain(created.key);
  });

  it('authenticates from memory once warm, and refuses a revoked key at once on this replica', async () => {
    const created = await identity.createKey({ team: 'payments' });
    const caller = await identity.authenticate(created.key);
    expect(caller).toMatchObject({ keyId: created.id, teamId: created.teamId, projectId: null, allowedModels: null });
    await identity.revokeKey(created.prefix);
    await expect(identity.authenticate(created.key)).rejects.toMatchObject({ code: 'key_revoked' });
  });

  it('bounds how long a key revoked on another replica keeps working by the cache TTL', async () => {
    const created = await identity.createKey({ team: 'payments' });
    await identity.authenticate(created.key);
    await createIdentityRepository(store).revokeKey(created.id); // as another replica would
    await expect(identity.authenticate(created.key)).resolves.toMatchObject({ keyId: created.id });
    clock += 10_001;
    await expect(identity.authenticate(created.key)).rejects.toMatchObject({ code: 'key_revoked' });
  });

  it('names the missing team or project', async () => {
    const noTeam = await identity.createKey({ team: 'nope' }).catch((caught: unknown) => caught);
    expect(noTeam).toBeInstanceOf(PodiumError);
    expect(noTeam).toMatchObject({ code: 'not_found', param: 'team' });
    await expect(identity.createKey({ team: 'payments', project: 'nope' })).rejects.toMatchObject({
      code: 'not_found',
      param: 'project',
    });
    await expect(identity.authenticate('pk-unknown')).rejects.toMatchObject({ code: 'invalid_api_key' });
  });
});

describe('admin credential', () => {
  it('is generated once, announced once, and agreed on by a second start', async () => {
    const announced: string[] = [];
    const first = await ensureAdminCredential({
      configured: undefined,
      settings: createSettingsRepository(store),
      announce: (secret) => announced.push(secret),
    });
    const second = await ensureAdminCredential({
      configured: undefined,
      settings: createSettingsRepository(store),
      announce: (secret) => announced.push(secret),
    });
    expect(announced).toHaveLength(1);
    const secret = announced[0] ?? '';
    expect(secret).toMatch(/^pa-/);
    expect(() => first.verify(secret)).not.toThrow();
    expect(() => second.verify(secret)).not.toThrow();
    expect(() => second.verify('pa-wrong')).toThrow(/Invalid admin key/);
    expect(() => second.verify(undefined)).toThrow(/requires/);
    expect(JSON.stringify(await createSettingsRepository(store).get('admin_key_hash'))).not.toContain(secret);
  });

  it('uses PODIUM_ADMIN_KEY when configured', async () => {
    const credential = await ensureAdminCredential({
      configured: 'pa-configured-0123456789',
      settings: createSettingsRepository(store),
      announce: () => undefined,
    });
    expect(() => credential.verify('pa-configured-0123456789')).not.toThrow();
  });
});
