import { randomBytes } from 'node:crypto';
import type { SettingsRepository } from '../../store/index.js';

const settingKey = 'approval_link_secret';

/**
 * The key approval links are signed with: generated at first start and kept in the settings, so links survive
 * restarts and every replica verifies what another signed. Set only if absent, so racing replicas agree on one.
 */
export async function ensureApprovalLinkSecret(settings: Pick<SettingsRepository, 'get' | 'setIfAbsent'>): Promise<string> {
  const stored = await settings.get(settingKey);
  if (typeof stored === 'string') return stored;
  await settings.setIfAbsent(settingKey, randomBytes(32).toString('base64url'));
  const winner = await settings.get(settingKey);
  if (typeof winner !== 'string') throw new Error('the approval link secret vanished from the settings');
  return winner;
}
