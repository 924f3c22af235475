/**
 * A tool call as it goes through the pipeline: the generic call (caller, labels, holds, charge, status) plus
 * what each tool-call stage finds — the tool, its validated arguments and their digest, the personal data in
 * them, the policies that decided and the revision they belong to, the approval, the result and what screening
 * did to it. Stages fill it in order; the record and audit stages read it whatever happened.
 */
import { randomUUID } from 'node:crypto';
import type { CallBase } from '../../gateway/index.js';
import type { CatalogTool } from '../tool-catalog.js';
import type { ToolCallRequest } from '../tool-gateway.js';
import type { ToolResult } from '../tool-result.js';

/** Where a call's approval stands, as far as this call is concerned. */
export interface ToolCallApproval {
  readonly id: string;
  /** `requested`: this call opened (or found) a pending one; `approved`: it may run, once it uses it. */
  state: 'requested' | 'approved' | 'used' | 'denied' | 'expired';
  readonly expiresAt: string;
  readonly approvers: readonly string[];
  /** The digest the approval is bound to (caller, tool, arguments' digest, policy revision). */
  readonly binding: string;
}

/** What screening did to the result. */
export interface ToolResultScreening {
  /** Personal data found in the result, by class (counts only). */
  readonly found: Readonly<Record<string, number>>;
  readonly redacted: boolean;
  /** Replaced by a notice: a `tool.result` forbid matched, or data protection blocks a class it carried. */
  readonly withheld: boolean;
  /** The `tool.result` forbids that withheld it. */
  readonly withheldBy: readonly string[];
  readonly truncated: boolean;
}

export interface ToolCall extends CallBase<'tool.call'> {
  /** The name the caller asked for. */
  readonly requestedName: string;
  /** As received: untrusted until validated. */
  readonly rawArguments: unknown;
  /** The agent (`x-podium-agent`), when named. */
  agent: string | undefined;
  tool: CatalogTool | undefined;
  /** The arguments once validated against the tool's input schema. */
  arguments: Readonly<Record<string, unknown>>;
  /** SHA-256 of the arguments' canonical JSON. */
  argumentsDigest: string | undefined;
  /** Personal data classes found in the arguments. */
  dataClasses: readonly string[];
  /** The policy set's revision the call was judged under. */
  policyRevision: string | undefined;
  /** The policies that decided `tool.call` (permits on an allow, forbids on a denial). */
  decidedBy: readonly string[];
  approval: ToolCallApproval | undefined;
  result: ToolResult | undefined;
  screening: ToolResultScreening | undefined;
}

/** A fresh call for one request; the pipeline fills in the rest. */
export function newToolCall(request: ToolCallRequest, now: Date = new Date()): ToolCall {
  return {
    id: `call_${randomUUID().replaceAll('-', '')}`,
    kind: 'tool.call',
    receivedAt: now,
    startedAt: performance.now(),
    credential: request.credential,
    headers: request.headers,
    endUser: undefined,
    tags: undefined,
    caller: undefined,
    costUsd: undefined,
    charge: undefined,
    charged: false,
    holds: [],
    status: 0,
    error: undefined,
    warnings: [],
    signal: undefined,
    requestedName: request.name,
    rawArguments: request.arguments,
    agent: undefined,
    tool: undefined,
    arguments: {},
    argumentsDigest: undefined,
    dataClasses: [],
    policyRevision: undefined,
    decidedBy: [],
    approval: undefined,
    result: undefined,
    screening: undefined,
  };
}

/** Waiting for a human: admission stops here and the upstream is not called. */
export const isPending = (call: ToolCall): boolean => call.approval?.state === 'requested';
