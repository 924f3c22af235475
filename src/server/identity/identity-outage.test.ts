/**
 * Identity while the database is away: known keys are served stale for a bounded time, revocations hold,
 * unknown keys are refused as `store_unavailable` (never as "not found"), and recovery is seamless.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PodiumError } from '../../contract/index.js';
import type { SqlClient } from '../store/index.js';
import type { IdentityRecords } from './identity-records.js';
import { IdentityService } from './identity-service.js';
import { openTestDatabase } from '../testkit/index.js';
import { createIdentityRepository } from '../identity/index.js';

let store: SqlClient;
let clock = 0;
let down = false;
let brokenQuery = false;
let lookups = 0;
let identity: IdentityService;

const outage = () =>
  new PodiumError('store_unavailable', 'The database is unreachable (ECONNREFUSED); retry later.', { retryable: true });

beforeAll(async () => {
  store = await openTestDatabase();
  // The real repository, with the one lookup authentication makes failing as the store reports an outage.
  const records: IdentityRecords = {
    ...createIdentityRepository(store),
    findKeyByHash: (hash) => {
      lookups += 1;
      if (brokenQuery) return Promise.reject(new Error('relation "api_keys" does not exist'));
      return down ? Promise.reject(outage()) : createIdentityRepository(store).findKeyByHash(hash);
    },
  };
  identity = new IdentityService({ records, now: () => clock, cacheTtlMs: 10_000, staleKeyTtlMs: 60_000 });
  await identity.initialize();
  await identity.createTeam('ops');
});
afterAll(async () => store.close());

describe('IdentityService during a database outage', () => {
  it('serves a known key from its expired entry, for at most staleKeyTtl past the cache TTL', async () => {
    const created = await identity.createKey({ team: 'ops' });
    clock = 0;
    down = false;
    await identity.authenticate(created.key);
    down = true;
    clock = 10_001;
    await expect(identity.authenticate(created.key)).resolves.toMatchObject({ keyId: created.id });
    // Retried at most once per 2 s while down, not on every request.
    const before = lookups;
    for (let i = 0; i < 20; i += 1) await identity.authenticate(created.key);
    expect(lookups).toBe(before);
    clock = 10_000 + 60_000 - 1;
    await expect(identity.authenticate(created.key)).resolves.toMatchObject({ keyId: created.id });
    clock = 10_000 + 60_000;
    await expect(identity.authenticate(created.key)).rejects.toMatchObject({ code: 'store_unavailable', status: 503 });
  });

  it('refuses an unknown key as store_unavailable, not invalid_api_key, and answers it again after recovery', async () => {
    clock = 200_000;
    down = true;
    await expect(identity.authenticate('pk-never-seen-before-0000000000000000000000')).rejects.toMatchObject({
      code: 'store_unavailable',
    });
    down = false;
    await expect(identity.authenticate('pk-never-seen-before-0000000000000000000000')).rejects.toMatchObject({
      code: 'invalid_api_key',
    });
  });

  it('keeps a revocation made through this process in force while the database is away', async () => {
    clock = 300_000;
    down = false;
    const created = await identity.createKey({ team: 'ops' });
    await identity.authenticate(created.key);
    await identity.revokeKey(created.id);
    down = true;
    await expect(identity.authenticate(created.key)).rejects.toMatchObject({ code: 'key_revoked' });
    clock += 10_001;
    await expect(identity.authenticate(created.key)).rejects.toMatchObject({ code: 'key_revoked' });
  });

  it('keeps a revocation read before the outage in force when served stale', async () => {
    clock = 400_000;
    down = false;
    const created = await identity.createKey({ team: 'ops' });
    await createIdentityRepository(store).revokeKey(created.id); // as another replica would
    await expect(identity.authenticate(created.key)).rejects.toMatchObject({ code: 'key_revoked' });
    down = true;
    clock += 10_001;
    await expect(identity.authenticate(created.key)).rejects.toMatchObject({ code: 'key_revoked' });
  });

  it('fails other store errors through, without serving stale', async () => {
    clock = 500_000;
    down = false;
    const created = await identity.createKey({ team: 'ops' });
    await identity.authenticate(created.key);
    clock += 10_001;
    brokenQuery = true;
    await expect(identity.authenticate(created.key)).rejects.toThrow('does not exist');
    brokenQuery = false;
  });
});
