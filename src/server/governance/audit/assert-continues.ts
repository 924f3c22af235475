import type { AuditHead, StoredAuditEntry } from '../../../contract/index.js';

/**
 * Refuses a batch that does not continue `head` exactly (tenant, consecutive seqs, linked hashes): a bug in
 * a sealer must fail loudly rather than fork or break the chain it writes.
 * @throws Error naming the first entry out of line.
 */
export function assertContinues(head: AuditHead, entries: readonly StoredAuditEntry[]): void {
  let seq = head.seq;
  let hash = head.hash;
  for (const entry of entries) {
    seq += 1;
    if (entry.tenant !== head.tenant || entry.seq !== seq || entry.prevHash !== hash) {
      throw new Error(
        `audit batch does not continue the head of ${head.tenant} at seq ${head.seq}: entry ${entry.seq} is out of line`,
      );
    }
    hash = entry.hash;
  }
}
