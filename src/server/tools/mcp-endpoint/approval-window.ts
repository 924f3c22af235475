/**
 * One bounded wait on an approval. An MCP request cannot hang until a human decides (clients time
 * out around a minute), so a wait ends after a window and says `pending`; the caller then answers
 * "still waiting" in its era's idiom and the client comes back.
 */
import type { ApprovalWait, ToolGateway } from '../tool-gateway.js';

export type ApprovalWindowOutcome = ApprovalWait | 'pending';

export async function waitApprovalWindow(input: {
  gateway: ToolGateway;
  approvalId: string;
  windowMs: number;
  signal: AbortSignal;
}): Promise<ApprovalWindowOutcome> {
  input.signal.throwIfAborted();
  const window = new AbortController();
  // A timer rather than AbortSignal.timeout: tests drive it with a fake clock.
  const timer = setTimeout(() => window.abort(), input.windowMs);
  const onAbort = () => window.abort();
  input.signal.addEventListener('abort', onAbort, { once: true });
  try {
    return await input.gateway.waitForApproval(input.approvalId, window.signal);
  } catch (error) {
    input.signal.throwIfAborted();
    if (window.signal.aborted) return 'pending';
    throw error;
  } finally {
    clearTimeout(timer);
    input.signal.removeEventListener('abort', onAbort);
  }
}
