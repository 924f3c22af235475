/** Composition of identity (a part of the composition root, kept out of main.ts for size): keys, the organisation, the admin credential. */
import type { Organization } from '../contract/index.js';
import type { PodiumConfig } from './config/index.js';
import {
  createIdentityRepository,
  ensureAdminCredential,
  IdentityService,
  type AdminCredential,
} from './identity/index.js';
import { createSettingsRepository, type SqlClient } from './store/index.js';

export interface StartedIdentity {
  identity: IdentityService;
  organization: Organization;
  admin: AdminCredential;
}

/** Warms the key service, makes sure the organisation exists, and the admin key (generated and shown once if none). */
export async function startIdentity(options: {
  config: PodiumConfig;
  store: SqlClient;
  log: (line: string) => void;
}): Promise<StartedIdentity> {
  const { config, store, log } = options;
  const identity = new IdentityService({
    records: createIdentityRepository(store),
    cacheTtlMs: config.identity.keyCacheTtlMs,
    staleKeyTtlMs: config.identity.staleKeyTtlMs,
  });
  const organization = await identity.initialize();
  const admin = await ensureAdminCredential({
    configured: config.server.adminKey,
    settings: createSettingsRepository(store),
    announce: (secret) =>
      log(
        `podium: generated an admin key (shown once, stored hashed). Save it as PODIUM_ADMIN_KEY:\n\n    ${secret}\n`,
      ),
  });
  return { identity, organization, admin };
}
