import { canonicalJson, type AuditEntry, type AuditHead, type StoredAuditEntry } from '../../../contract/index.js';
import { storedAuditEntryHash } from './audit-entry-hash.js';

/** An entry before it has a place in the chain. */
export type AuditDraft = Pick<AuditEntry, 'at' | 'kind' | 'actor' | 'subject' | 'payload'>;

/**
 * Chains `drafts` onto `head`: consecutive seqs from `head.seq + 1`, each `prevHash` the hash before it,
 * payloads in canonical text (what is hashed is what is stored). Pure, so the store can call it while it
 * holds the tenant's head lock.
 * @throws TypeError when a payload is not JSON.
 */
export function sealAuditEntries(head: AuditHead, drafts: readonly AuditDraft[]): StoredAuditEntry[] {
  const sealed: StoredAuditEntry[] = [];
  let seq = head.seq;
  let prevHash = head.hash;
  for (const draft of drafts) {
    seq += 1;
    const fields = {
      tenant: head.tenant,
      seq,
      at: draft.at,
      kind: draft.kind,
      actor: draft.actor,
      subject: draft.subject,
      payloadJson: canonicalJson(draft.payload),
      prevHash,
    };
    const hash = storedAuditEntryHash(fields);
    sealed.push({ ...fields, hash });
    prevHash = hash;
  }
  return sealed;
}
