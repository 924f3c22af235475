export { ensureAdminCredential } from './admin-credential.js';
export type { AdminCredential } from './admin-credential.js';
export type { Caller } from './caller.js';
export type { IdentityRecords, NewKeyRecord, SettingsRecords } from './identity-records.js';
export { defaultOrganization, IdentityService } from './identity-service.js';
export type { IdentityServiceOptions } from './identity-service.js';
export { generateSecret, hashSecret } from './key-secret.js';
