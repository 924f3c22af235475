import type { AuditEntry, AuditHead } from '../../../contract/index.js';
import { auditEntryHash } from './audit-entry-hash.js';

/** An entry before it has a place in the chain. */
export type AuditDraft = Pick<AuditEntry, 'at' | 'kind' | 'actor' | 'subject' | 'payload'>;

/**
 * Chains `drafts` onto `head`: consecutive seqs from `head.seq + 1`, each `prevHash` the hash before it.
 * Pure, so the store can call it while it holds the tenant's head lock.
 */
export function sealAuditEntries(head: AuditHead, drafts: readonly AuditDraft[]): AuditEntry[] {
  const sealed: AuditEntry[] = [];
  let seq = head.seq;
  let prevHash = head.hash;
  for (const draft of drafts) {
    seq += 1;
    const fields = { tenant: head.tenant, seq, ...draft, prevHash };
    const hash = auditEntryHash(fields);
    sealed.push({ ...fields, hash });
    prevHash = hash;
  }
  return sealed;
}
