export { defaultSecretFileName, loadServerSecret } from './load-server-secret.js';
export type { LoadedServerSecret, LoadServerSecretOptions } from './load-server-secret.js';
export { createServerSecret } from './server-secret.js';
export type { SecretPurpose, ServerSecret } from './server-secret.js';
