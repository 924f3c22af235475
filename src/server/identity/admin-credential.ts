/**
 * The admin key guards /api/v1. From PODIUM_ADMIN_KEY when set; otherwise generated at first start,
 * printed once and stored only as a hash (atomically, so concurrent replicas agree on one key).
 */
import { PodiumError } from '../../contract/index.js';
import type { SettingsRecords } from './identity-records.js';
import { generateSecret, hashSecret, secretMatches } from './key-secret.js';

const settingKey = 'admin_key_hash';

export interface AdminCredential {
  /** Throws unless the presented secret is the admin key. */
  verify(secret: string | undefined): void;
}

/** Resolves the admin credential; `announce` receives a newly generated key, exactly once. */
export async function ensureAdminCredential(options: {
  configured: string | undefined;
  settings: SettingsRecords;
  announce: (secret: string) => void;
}): Promise<AdminCredential> {
  let hash: string;
  if (options.configured) {
    hash = hashSecret(options.configured);
  } else {
    const stored = await options.settings.get(settingKey);
    if (typeof stored === 'string') hash = stored;
    else {
      const fresh = generateSecret('pa');
      if (await options.settings.setIfAbsent(settingKey, fresh.hash)) {
        options.announce(fresh.secret);
        hash = fresh.hash;
      } else {
        const winner = await options.settings.get(settingKey);
        if (typeof winner !== 'string') throw new Error('admin key hash vanished from settings');
        hash = winner;
      }
    }
  }
  return {
    verify(secret) {
      if (!secret) throw new PodiumError('missing_api_key', 'Admin API requires "Authorization: Bearer <admin key>".');
      if (!secretMatches(secret, hash)) throw new PodiumError('invalid_api_key', 'Invalid admin key.');
    },
  };
}
