import { join } from 'node:path';

/** The exported checkpoints' file name, beside the server secret (or in the data dir's parent) unless configured. */
export const defaultCheckpointFileName = 'podium-audit-checkpoints.jsonl';
/** The checkpoint signing key's public half, written beside the exported checkpoints for verifiers. */
export const defaultPublicKeyFileName = 'podium-audit-public-key.pem';

/** The default export files in `directory`: where `podium audit verify` looks when told nothing. */
export function auditExportPaths(directory: string): { checkpointFile: string; publicKeyFile: string } {
  return {
    checkpointFile: join(directory, defaultCheckpointFileName),
    publicKeyFile: join(directory, defaultPublicKeyFileName),
  };
}
