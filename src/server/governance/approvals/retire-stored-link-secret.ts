import type { SettingsRepository } from '../../store/index.js';

/** Where earlier releases kept the link key: in the database, so whoever could read it could forge any approval. */
const legacySettingKey = 'approval_link_secret';

/**
 * Deletes the approval-link key earlier releases stored in the settings. Links are now keyed from the server
 * secret, which never enters the database; links signed with the old key stop working (they are not trusted).
 * @returns true when there was one to delete (start-up says so).
 */
export async function retireStoredLinkSecret(settings: Pick<SettingsRepository, 'delete'>): Promise<boolean> {
  return settings.delete(legacySettingKey);
}
