import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson, type AuditCheckpoint, type AuditHead } from '../../../contract/index.js';

/** Signs checkpoints with one Ed25519 private key. */
export interface CheckpointSigner {
  readonly keyId: string;
  readonly publicKey: KeyObject;
  /** SPKI PEM, for verifiers (`podium audit verify --public-key`). */
  readonly publicKeyPem: string;
  /** A checkpoint of `head` at `at` (ISO). */
  sign(head: AuditHead, at: string): AuditCheckpoint;
}

/** First 16 hex digits of SHA-256 over the key's SPKI DER: names the key without revealing anything. */
export function auditKeyId(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

/**
 * The bytes signed: a domain tag, so a signature made here can never be replayed as some other signed
 * message of ours, then the checkpoint's fields as canonical JSON.
 */
function signedBytes(checkpoint: Pick<AuditCheckpoint, 'tenant' | 'seq' | 'hash' | 'at' | 'keyId'>): Buffer {
  const { tenant, seq, hash, at, keyId } = checkpoint;
  return Buffer.from(`podium-audit-checkpoint-v1\n${canonicalJson({ tenant, seq, hash, at, keyId })}`);
}

/**
 * A signer over `privateKey`.
 * @throws TypeError when the key is not an Ed25519 private key.
 */
export function createCheckpointSigner(privateKey: KeyObject): CheckpointSigner {
  if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'ed25519') {
    throw new TypeError(
      `audit checkpoints are signed with an Ed25519 private key, got a ${privateKey.asymmetricKeyType ?? 'symmetric'} ${privateKey.type} key`,
    );
  }
  const publicKey = createPublicKey(privateKey);
  const keyId = auditKeyId(publicKey);
  return {
    keyId,
    publicKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    sign(head, at) {
      const unsigned = { tenant: head.tenant, seq: head.seq, hash: head.hash, at, keyId };
      // Ed25519 hashes internally: the algorithm argument must be null.
      return { ...unsigned, signature: sign(null, signedBytes(unsigned), privateKey).toString('base64') };
    },
  };
}

/** Why a checkpoint's signature does not hold, or undefined when it does. */
export function checkpointSignatureProblem(
  checkpoint: AuditCheckpoint,
  publicKeys: ReadonlyMap<string, KeyObject>,
): string | undefined {
  const key = publicKeys.get(checkpoint.keyId);
  if (key === undefined) return `signed with key ${checkpoint.keyId}, which is not among the public keys given`;
  const signature = Buffer.from(checkpoint.signature, 'base64');
  return verify(null, signedBytes(checkpoint), key, signature) ? undefined : 'its signature does not verify';
}
