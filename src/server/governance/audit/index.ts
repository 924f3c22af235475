export { createAuditLog } from './audit-log.js';
export type { AuditLog, AuditLogOptions } from './audit-log.js';
export { auditEntryInputSchema, maxAuditPayloadBytes, parseAuditInput } from './audit-entry-input.js';
export type { AuditEntryInput, ParsedAuditInput } from './audit-entry-input.js';
export { auditEntryHash, storedAuditEntryHash } from './audit-entry-hash.js';
export type { HashedAuditFields, HashedStoredFields } from './audit-entry-hash.js';
export type { AuditAppend, AuditPageQuery, AuditStore } from './audit-store.js';
export { auditExportPaths, defaultCheckpointFileName, defaultPublicKeyFileName } from './audit-export-paths.js';
export { createCheckpointFileSink } from './checkpoint-file-sink.js';
export type { CheckpointFileSinkOptions } from './checkpoint-file-sink.js';
export type { CheckpointSink } from './checkpoint-sink.js';
export { auditKeyId, checkpointSignatureProblem, createCheckpointSigner } from './checkpoint-signer.js';
export type { CheckpointSigner } from './checkpoint-signer.js';
export { createCheckpointWebhookSink } from './checkpoint-webhook-sink.js';
export type { CheckpointWebhookSinkOptions } from './checkpoint-webhook-sink.js';
export { loadSigningKey } from './load-signing-key.js';
export { signingKeyFromSeed } from './signing-key-from-seed.js';
export type { LoadSigningKeyOptions, SigningKey } from './load-signing-key.js';
export { createMemoryAuditStore } from './memory-audit-store.js';
export type { MemoryAuditStore } from './memory-audit-store.js';
export { readAuditPages } from './read-audit-pages.js';
export type { ReadAuditPagesOptions } from './read-audit-pages.js';
export { readCheckpointFile } from './read-checkpoint-file.js';
export type { CheckpointFile } from './read-checkpoint-file.js';
export { sealAuditEntries } from './seal-audit-entries.js';
export type { AuditDraft } from './seal-audit-entries.js';
export { verifyAuditLog } from './verify-audit-log.js';
export type {
  AuditProblem,
  AuditProblemKind,
  AuditTenantSummary,
  AuditVerifyReport,
  VerifyAuditLogOptions,
} from './verify-audit-log.js';
export { createAuditRepository } from './audit-repository.js';
export { auditMigrations } from './audit-migrations.js';
