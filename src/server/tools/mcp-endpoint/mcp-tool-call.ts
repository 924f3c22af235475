/**
 * `tools/call` for one caller, in either era. A result goes back as is; a call that needs a human's
 * approval is held in the idiom the caller's client understands: a 2025-era task when the client
 * asked for one, a 2026-era `input_required` round trip (the client echoes `requestState` and the
 * server waits a bounded window per round), or, for clients with neither, a result that says the call
 * is pending and that the same call made again completes once approved.
 */
import { inputRequired, ProtocolError, ProtocolErrorCode } from '@modelcontextprotocol/server';
import type { CallToolResult, CreateTaskResult, InputRequiredResult } from '@modelcontextprotocol/server';
import { toPodiumError } from '../../../contract/index.js';
import type { ToolCallOutcome, ToolGateway } from '../tool-gateway.js';
import { pendingApprovalResult, refusedApprovalResult } from './approval-notice.js';
import { waitApprovalWindow } from './approval-window.js';
import { credentialProtocolError, isCredentialError, mcpCallFailure } from './mcp-call-error.js';
import type { McpExchange } from './mcp-caller.js';
import type { PendingCall, PendingCallStore } from './pending-call-store.js';
import { toCallToolResult } from './to-call-tool-result.js';

export interface McpToolCallScope {
  readonly gateway: ToolGateway;
  readonly exchange: McpExchange;
  readonly store: PendingCallStore;
  /** Longest one request waits on an approval before answering "still pending". */
  readonly approvalWindowMs: number;
  /** Faults of ours (not the caller's), for the log. */
  readonly onFault: (error: unknown) => void;
}

export interface McpToolCall {
  readonly name: string;
  readonly arguments: unknown;
}

/** One gateway call; a PodiumError becomes the protocol error it throws or the `isError` result it returns. */
async function governedCall(
  scope: McpToolCallScope,
  call: McpToolCall,
  signal: AbortSignal,
): Promise<ToolCallOutcome | CallToolResult> {
  const { caller } = scope.exchange;
  try {
    return await scope.gateway.callTool({
      credential: caller.credential,
      headers: caller.headers,
      signal,
      name: call.name,
      arguments: call.arguments ?? {},
    });
  } catch (error) {
    const podiumError = toPodiumError(error);
    if (isCredentialError(podiumError)) {
      scope.exchange.refused = podiumError;
      throw credentialProtocolError(podiumError);
    }
    if (podiumError.status >= 500) scope.onFault(error);
    const failure = mcpCallFailure(podiumError);
    if (failure instanceof ProtocolError) throw failure;
    return failure;
  }
}

const isOutcome = (value: ToolCallOutcome | CallToolResult): value is ToolCallOutcome =>
  'type' in value && (value.type === 'result' || value.type === 'pending');

/** 2025 era without tasks: a result, or the "pending, call again" notice. */
export async function callPlain(scope: McpToolCallScope, call: McpToolCall): Promise<CallToolResult> {
  const outcome = await governedCall(scope, call, scope.exchange.caller.signal);
  if (!isOutcome(outcome)) return outcome;
  return outcome.type === 'result' ? toCallToolResult(outcome.result) : pendingApprovalResult(outcome);
}

/** 2026 era: a pending call becomes `input_required` with the pending entry's id as `requestState`. */
export async function callModern(
  scope: McpToolCallScope,
  call: McpToolCall,
  requestState: unknown,
): Promise<CallToolResult | InputRequiredResult> {
  const { caller } = scope.exchange;
  if (requestState !== undefined) {
    const entry = typeof requestState === 'string' ? scope.store.get(requestState, caller.credential) : undefined;
    if (!entry || entry.name !== call.name || entry.approvalId === undefined)
      throw new ProtocolError(ProtocolErrorCode.InvalidParams, 'Invalid or expired requestState.');
    const waited = await waitApprovalWindow({
      gateway: scope.gateway,
      approvalId: entry.approvalId,
      windowMs: scope.approvalWindowMs,
      signal: caller.signal,
    });
    if (waited === 'pending') return inputRequired({ requestState: entry.id });
    scope.store.delete(entry.id);
    if (waited !== 'approved') return refusedApprovalResult(entry.approvalId, waited);
  }
  const outcome = await governedCall(scope, call, caller.signal);
  if (!isOutcome(outcome)) return outcome;
  if (outcome.type === 'result') return toCallToolResult(outcome.result);
  const entry = scope.store.create({ credential: caller.credential, name: call.name });
  entry.approvalId = outcome.approvalId;
  entry.expiresAt = outcome.expiresAt;
  entry.statusMessage = outcome.message;
  return inputRequired({ requestState: entry.id });
}

/**
 * 2025 era with a task requested: the task is created now and the call runs (and waits) behind it.
 * The SDK validates every `tools/call` answer as a CallToolResult (it has no task runtime), so the
 * CreateTaskResult carries an empty `content` beside `task`; task-aware clients read `task`.
 */
export function callAsTask(
  scope: McpToolCallScope,
  call: McpToolCall,
  ttlMs: number | undefined,
): CallToolResult & CreateTaskResult {
  const entry = scope.store.create({ credential: scope.exchange.caller.credential, name: call.name, ttlMs });
  void runTask(scope, call, entry).catch((error: unknown) => {
    const podiumError = toPodiumError(error);
    if (entry.controller.signal.aborted) return;
    if (podiumError.status >= 500) scope.onFault(error);
    entry.settle('failed', { content: [{ type: 'text', text: podiumError.message }], isError: true });
  });
  return { content: [], task: taskOf(entry) };
}

async function runTask(scope: McpToolCallScope, call: McpToolCall, entry: PendingCall): Promise<void> {
  const signal = entry.controller.signal;
  // Bounded: a gateway that keeps asking for approval after approving would otherwise loop forever.
  for (let round = 0; round < maxApprovalRounds; round += 1) {
    const outcome = await governedCall(scope, call, signal);
    if (!isOutcome(outcome)) return entry.settle('failed', outcome);
    if (outcome.type === 'result') {
      const result = toCallToolResult(outcome.result);
      return entry.settle(result.isError === true ? 'failed' : 'completed', result);
    }
    entry.approvalId = outcome.approvalId;
    entry.expiresAt = outcome.expiresAt;
    entry.statusMessage = `Waiting for approval ${outcome.approvalId} (expires ${outcome.expiresAt}): ${outcome.message}`;
    entry.lastUpdatedAt = new Date().toISOString();
    const decided = await scope.gateway.waitForApproval(outcome.approvalId, signal);
    if (decided !== 'approved') return entry.settle('failed', refusedApprovalResult(outcome.approvalId, decided));
    // Approved: the same call again, which the approval now lets through (single use).
  }
  entry.settle('failed', {
    content: [{ type: 'text', text: 'The call still needed approval after being approved; it did not run.' }],
    isError: true,
  });
}

const maxApprovalRounds = 3;

/** The wire shape of a task (2025-11-25). */
export function taskOf(entry: PendingCall): CreateTaskResult['task'] {
  return {
    taskId: entry.id,
    status: entry.status,
    ...(entry.statusMessage === undefined ? {} : { statusMessage: entry.statusMessage }),
    createdAt: entry.createdAt,
    lastUpdatedAt: entry.lastUpdatedAt,
    ttl: entry.ttlMs,
    pollInterval: 1000,
  };
}
