/**
 * Composition of the audit trail (a part of the composition root, kept out of main.ts for size): which key signs
 * checkpoints and where they are exported. Honest by default: the key is derived from the server secret (which
 * lives outside the data dir), and checkpoints go to an append-only file outside the data dir, so whoever holds
 * the data dir alone cannot rewrite the log and re-sign it unnoticed.
 */
import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { PodiumConfig } from './config/index.js';
import {
  auditExportPaths,
  createAuditLog,
  createCheckpointFileSink,
  createCheckpointSigner,
  createCheckpointWebhookSink,
  loadSigningKey,
  signingKeyFromSeed,
  type AuditLog,
  type AuditStore,
  type CheckpointSigner,
} from './governance/audit/index.js';
import type { ServerSecret } from './secrets/index.js';

export interface StartAuditTrailOptions {
  config: PodiumConfig;
  /** podium.yaml's directory: relative paths in it resolve from here. */
  configDir: string;
  secret: ServerSecret;
  store: AuditStore;
  /** The outbound guard's fetch, for checkpoint webhooks. */
  fetch: typeof fetch;
  log: (line: string) => void;
}

export interface AuditTrail {
  auditLog: AuditLog;
  signer: CheckpointSigner;
}

/** Where checkpoints are exported by default: beside the secret's file, else in the data dir's parent; nowhere in memory. */
function exportDirectory(config: PodiumConfig, secret: ServerSecret): string | undefined {
  if (secret.path !== undefined) return dirname(secret.path);
  return config.server.dataDir.endsWith(':memory:') ? undefined : dirname(config.server.dataDir);
}

const exists = (path: string): Promise<boolean> =>
  access(path).then(
    () => true,
    () => false,
  );

/** Signs with the configured PEM key, else with the key derived from the server secret; exports checkpoints. */
export async function startAuditTrail(options: StartAuditTrailOptions): Promise<AuditTrail> {
  const { config, configDir, secret, log } = options;
  const configuredKey =
    config.audit.signingKeyPath === undefined
      ? undefined
      : await loadSigningKey({ path: resolve(configDir, config.audit.signingKeyPath) });
  if (configuredKey?.generated)
    log(
      `podium: generated the audit signing key; give ${configuredKey.publicKeyPath} to whoever verifies the audit trail`,
    );
  const signer = createCheckpointSigner(
    configuredKey?.privateKey ?? signingKeyFromSeed(secret.derive('audit-checkpoint-signing')),
  );

  const legacyKey = join(config.server.dataDir, 'audit-signing-key.pem');
  if (configuredKey === undefined && !config.server.dataDir.endsWith(':memory:') && (await exists(legacyKey))) {
    log(
      `podium: ${legacyKey} (the signing key earlier releases kept in the data dir) is no longer used: checkpoints are signed with ` +
        `key ${signer.keyId}, derived from the server secret. Keep its .pub.pem to verify older checkpoints, and delete the private key.`,
    );
  }

  const directory = exportDirectory(config, secret);
  const configuredFile = config.audit.checkpointFile;
  const checkpointFile =
    configuredFile === false
      ? undefined
      : configuredFile !== undefined
        ? resolve(configDir, configuredFile)
        : directory && auditExportPaths(directory).checkpointFile;
  if (checkpointFile !== undefined)
    await publishPublicKey({
      path: auditExportPaths(dirname(checkpointFile)).publicKeyFile,
      pem: signer.publicKeyPem,
      log,
    });
  if (checkpointFile === undefined && config.audit.webhooks.length === 0) {
    log(
      'podium: WARNING audit checkpoints are exported nowhere: a full rewrite of the database would verify as intact (set audit.checkpointFile or audit.webhooks)',
    );
  }
  const auditLog = createAuditLog({
    store: options.store,
    signer,
    checkpointEvery: config.audit.checkpointEvery,
    checkpointIntervalMs: config.audit.checkpointIntervalMs,
    sinks: [
      ...(checkpointFile === undefined ? [] : [createCheckpointFileSink({ path: checkpointFile })]),
      ...config.audit.webhooks.map((hook) => createCheckpointWebhookSink({ ...hook, fetch: options.fetch })),
    ],
    onError: (error) => log(`podium: audit checkpoint export failed: ${(error as Error).message}`),
  });
  return { auditLog, signer };
}

/** Writes the public key beside the checkpoints when it is not already there (a rotation replaces it; say so). */
async function publishPublicKey(options: { path: string; pem: string; log: (line: string) => void }): Promise<void> {
  const current = await readFile(options.path, 'utf8').catch(() => undefined);
  if (current === options.pem) return;
  await mkdir(dirname(options.path), { recursive: true });
  await writeFile(options.path, options.pem, { mode: 0o644 });
  options.log(
    current === undefined
      ? `podium: wrote the audit public key to ${options.path}: verifiers check exported checkpoints with it`
      : `podium: the audit signing key changed; ${options.path} now holds the new public key (keep the old one to verify older checkpoints)`,
  );
}
