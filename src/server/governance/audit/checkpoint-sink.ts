import type { AuditCheckpoint } from '../../../contract/index.js';

/** Somewhere outside the database a checkpoint is copied to: a file, a webhook receiver. */
export interface CheckpointSink {
  /** For error messages: `file /var/log/podium/checkpoints.jsonl`, `webhook https://audit.example`. */
  readonly name: string;
  /** Resolves once the checkpoint is durable there. Called one checkpoint at a time per sink. */
  write(checkpoint: AuditCheckpoint): Promise<void>;
  close?(): Promise<void>;
}
