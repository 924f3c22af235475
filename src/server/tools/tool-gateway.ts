/**
 * The governed door for tool calls, whatever protocol carried them (`/mcp` over HTTP, `podium mcp`
 * over stdio, Podium's own tools): every call goes through the one pipeline — identify → policy →
 * approval → budget → validate → call → screen → settle → audit/record. Endpoints translate their
 * protocol to this interface and back; they never call an upstream themselves.
 */
import type { CatalogTool } from './tool-catalog.js';
import type { ToolResult } from './tool-result.js';

export interface ToolRequestBase {
  /** The presented credential (Bearer or x-api-key), not yet checked. */
  readonly credential: string | undefined;
  /** Request headers (`x-podium-user`, `x-podium-agent`, `x-podium-tags`). */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly signal: AbortSignal;
}

export interface ToolCallRequest extends ToolRequestBase {
  /** The name the caller sees. */
  readonly name: string;
  /** Untrusted: validated against the tool's input schema. */
  readonly arguments: unknown;
}

export type ToolCallOutcome =
  | { readonly type: 'result'; readonly callId: string; readonly result: ToolResult }
  | {
      /**
       * A policy requires a human: the approval is bound to this exact call (caller, tool, arguments'
       * digest, policy revision) and expires. The same call made again once approved runs (single use);
       * a changed argument needs a new approval.
       */
      readonly type: 'pending';
      readonly callId: string;
      readonly approvalId: string;
      readonly expiresAt: string;
      readonly message: string;
    };

export type ApprovalWait = 'approved' | 'denied' | 'expired';

export interface ToolGateway {
  /** The caller's visible tools. Rejects with a PodiumError (401) for a bad credential. */
  listTools(request: ToolRequestBase): Promise<readonly CatalogTool[]>;
  /**
   * One governed call. Denials, invalid arguments, budget exhaustion and unreachable upstreams reject
   * with a PodiumError (status, code, message naming the field); a failure the tool reports is a result
   * with `isError`.
   */
  callTool(request: ToolCallRequest): Promise<ToolCallOutcome>;
  /** Resolves when a pending call's approval is decided or expires (or the signal aborts). */
  waitForApproval(approvalId: string, signal: AbortSignal): Promise<ApprovalWait>;
}
