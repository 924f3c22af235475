/**
 * The audit trail: one hash chain per tenant (organisation) and signed checkpoints of its head. Shared by the
 * server (writer, store, admin API) and the CLI (`podium audit verify`); see docs/audit.md.
 */
import { z } from 'zod';

/** What a decision, approval or change is about; new kinds are added here so a typo is refused at append. */
export const auditKinds = [
  'decision',
  'approval',
  'policy',
  'redaction',
  'budget',
  'config',
  'key',
  'access',
  'admin',
] as const;
export type AuditKind = (typeof auditKinds)[number];

/** `prev_hash` of a tenant's first entry: no entry hashes to it. */
export const auditGenesisHash = '0'.repeat(64);

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits (SHA-256)');
const isoTimestamp = z.iso.datetime({ offset: true });

/** One entry as a module recorded it and as the writer returns it: `payload` is the JSON value. */
export const auditEntrySchema = z.object({
  tenant: z.string().min(1),
  /** 1, 2, 3 … per tenant, without gaps. */
  seq: z.number().int().positive(),
  at: isoTimestamp,
  kind: z.string().min(1),
  actor: z.string(),
  subject: z.string(),
  payload: z.json(),
  prevHash: sha256Hex,
  hash: sha256Hex,
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/**
 * One entry as stored and served for verification: the payload as the exact canonical JSON text its hash
 * covers, so a verifier hashes the bytes that are kept instead of trusting a re-serialisation. `kind` is any
 * string here: an entry written by a newer release must still verify.
 */
export const storedAuditEntrySchema = auditEntrySchema.omit({ payload: true }).extend({ payloadJson: z.string() });
export type StoredAuditEntry = z.infer<typeof storedAuditEntrySchema>;

/** Where a tenant's chain ends: seq 0 and the genesis hash before its first entry. */
export const auditHeadSchema = z.object({
  tenant: z.string().min(1),
  seq: z.number().int().nonnegative(),
  hash: sha256Hex,
});
export type AuditHead = z.infer<typeof auditHeadSchema>;

/**
 * A signed statement "the chain of `tenant` had `hash` at `seq`", kept outside the database (a JSONL file, a
 * webhook receiver) so a rewrite of the whole chain no longer matches it.
 */
export const auditCheckpointSchema = z.object({
  tenant: z.string().min(1),
  seq: z.number().int().positive(),
  hash: sha256Hex,
  at: isoTimestamp,
  /** First 16 hex digits of SHA-256 over the public key (SPKI DER): which key to verify with. */
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  /** Ed25519 signature, base64. */
  signature: z.string().min(1),
});
export type AuditCheckpoint = z.infer<typeof auditCheckpointSchema>;

/** `GET /api/v1/audit/entries`: one page in seq order; `nextAfter` is the `after` of the next page, null at the end. */
export const auditEntryPageSchema = z.object({
  data: z.array(storedAuditEntrySchema),
  nextAfter: z.number().int().nullable(),
});
export type AuditEntryPage = z.infer<typeof auditEntryPageSchema>;

/** `GET /api/v1/audit/public-key`: the key the server signs checkpoints with (SPKI PEM). */
export const auditPublicKeySchema = z.object({ keyId: z.string(), publicKey: z.string() });
export type AuditPublicKey = z.infer<typeof auditPublicKeySchema>;
