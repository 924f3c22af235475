import { hkdfSync } from 'node:crypto';

/** What a derived key is for: each purpose gets its own key, so one leaking or misused never serves another. */
export type SecretPurpose = 'approval-links' | 'audit-checkpoint-signing' | 'credential-ids';

/** The one secret that keys everything Podium signs; it lives outside the database, never beside it. */
export interface ServerSecret {
  /** Where it came from, for the start-up log: `PODIUM_SECRET_KEY`, `file /etc/podium/secret.key`, `a throwaway key`. */
  readonly source: string;
  /** The file holding it, when it is one; beside it go the exported audit checkpoints by default. */
  readonly path: string | undefined;
  /** 32 bytes for `purpose`: HKDF-SHA256 over the secret, with the purpose as its label. */
  derive(purpose: SecretPurpose): Buffer;
}

/** A server secret over `material` (any length; HKDF extracts its entropy). */
export function createServerSecret(options: {
  material: Buffer;
  source: string;
  path?: string | undefined;
}): ServerSecret {
  const { material } = options;
  return {
    source: options.source,
    path: options.path,
    derive: (purpose) =>
      Buffer.from(hkdfSync('sha256', material, 'podium-server-secret-v1', `podium ${purpose} v1`, 32)),
  };
}
