/** What identity needs from storage: the store's own repositories (no restated copy of their shape). */
export type { IdentityRepository as IdentityRecords, NewKey as NewKeyRecord, SettingsRepository as SettingsRecords } from '../store/index.js';
