/** What identity needs from storage: its own repository, and the shared settings (no restated copy of their shape). */
export type { IdentityRepository as IdentityRecords, NewKey as NewKeyRecord } from './identity-repository.js';
export type { SettingsRepository as SettingsRecords } from '../store/index.js';
