/**
 * Completion stage: every call in which data protection found personal data leaves one `redaction`
 * entry in the tamper-evident audit trail — which classes, in which direction, how many, and what was
 * done (redacted, blocked, or allowed to leave for this provider). Counts and classes only: the trail
 * proves that a redaction happened without becoming a store of the personal data it protects.
 */
import type { CompletionStage, GatewayCall } from '../../gateway/index.js';
import type { AuditEntryInput } from '../audit/index.js';

export interface AuditDataFindingsOptions {
  /** Appends to the audit trail; late-bound by the composition root, which builds the trail after the pipeline. */
  append: (input: AuditEntryInput) => Promise<unknown>;
  /** Tenant of calls without an identified caller (refused before identification never scan anything, so rare). */
  defaultTenant: string;
  onError: (error: unknown) => void;
}

/** The audit entry for a call's findings, or undefined when it had none. */
export function dataFindingsEntry(call: GatewayCall, defaultTenant: string): AuditEntryInput | undefined {
  if (call.findings.length === 0) return undefined;
  return {
    tenant: call.caller?.orgId ?? defaultTenant,
    kind: 'redaction',
    actor: `key:${call.caller?.keyId ?? 'unknown'}`,
    subject: call.id,
    payload: {
      findings: call.findings.map((finding) => ({ ...finding })),
      model: call.route?.alias ?? call.requestedModel ?? null,
      provider: call.target?.provider.name ?? null,
      status: call.status,
    },
  };
}

/**
 * Builds the stage. The append is not awaited: the call's answer has already gone out, and the
 * ledger row (`dataFindings`) carries the same facts should the audit append fail (reported via onError).
 */
export function auditDataFindings(options: AuditDataFindingsOptions): CompletionStage {
  return (call) => {
    const entry = dataFindingsEntry(call, options.defaultTenant);
    if (entry) options.append(entry).catch(options.onError);
  };
}
