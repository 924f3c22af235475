/**
 * The tool call's executor: uses the approval (once), calls the upstream with the caller's abort signal and the
 * upstream's deadline, parses what comes back (an upstream is as hostile as a caller) and settles the charge. A
 * failure the tool reports is a result with `isError` (it ran: it is charged); an upstream that cannot be
 * reached rejects (503/504) and is not.
 */
import { PodiumError } from '../../../contract/index.js';
import type { CallExecutor } from '../../gateway/index.js';
import type { ToolCatalog } from '../tool-catalog.js';
import { toolResultSchema } from '../tool-result.js';
import { useApproval } from './require-approval.js';
import { toolCallerOf } from './resolve-tool.js';
import type { ToolApprovalGrants } from './tool-approval-grants.js';
import type { ToolCall } from './tool-call.js';
import type { ToolCallSink } from './tool-call-sink.js';
import { toolCharge } from './tool-costs.js';
import type { ToolCost } from '../../../contract/index.js';

export interface CallToolUpstreamOptions {
  catalog: Pick<ToolCatalog, 'upstream'>;
  /** Where approvals are used; absent when no policies (so no approvals) are configured. */
  grants?: ToolApprovalGrants | undefined;
  cost: (canonicalName: string) => ToolCost;
  /** The upstream's `timeoutMs` (podium.yaml); upstreams enforce it too, this bounds a stuck one. */
  timeoutMs: (upstream: string) => number;
  now: () => Date;
}

/** `promise`, or a rejection as soon as `signal` aborts (the promise's own outcome is then ignored). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

export function callToolUpstream(options: CallToolUpstreamOptions): CallExecutor<ToolCall, ToolCallSink> {
  return async (call, sink, settle) => {
    const tool = call.tool;
    const caller = toolCallerOf(call);
    // A call waiting for a human stops at admission: nothing runs, nothing is charged.
    if (call.approval?.state === 'requested') {
      call.status = 202;
      return;
    }
    if (!tool || !caller) throw new PodiumError('internal_error', 'tool call reached its upstream unidentified');
    const upstream = options.catalog.upstream(tool.definition.upstream);
    if (!upstream) {
      throw new PodiumError('upstream_unavailable', `The upstream of \`${tool.exposedName}\` is not available.`, {
        param: 'name',
        retryable: true,
      });
    }
    if (call.approval) {
      if (!options.grants)
        throw new PodiumError('internal_error', 'an approved tool call has nowhere to use its approval');
      await useApproval(call, options.grants, options.now);
    }
    const timeoutMs = options.timeoutMs(tool.definition.upstream);
    const signal = AbortSignal.any([sink.signal, AbortSignal.timeout(timeoutMs)]);
    let raw: unknown;
    try {
      // Raced against the signal: an upstream that ignores it must not hold the caller past the deadline.
      raw = await untilAborted(
        upstream.callTool(tool.definition.name, call.arguments, { caller, signal, callId: call.id }),
        signal,
      );
    } catch (error) {
      if (error instanceof PodiumError) throw error;
      if (signal.aborted && !sink.signal.aborted) {
        throw new PodiumError('upstream_timeout', `\`${tool.exposedName}\` did not answer within ${timeoutMs} ms.`, {
          retryable: true,
          cause: error,
        });
      }
      throw new PodiumError('upstream_error', `\`${tool.exposedName}\` failed.`, { cause: error, retryable: true });
    }
    const parsed = toolResultSchema.safeParse(raw);
    if (!parsed.success) {
      throw new PodiumError(
        'invalid_tool_result',
        `\`${tool.exposedName}\` returned something that is not a tool result.`,
      );
    }
    call.result = parsed.data;
    // The upstream did the work: charged whatever its result says.
    const charge = toolCharge(options.cost(tool.canonicalName));
    call.charge = charge;
    call.costUsd = charge.usd;
    settle(call);
    call.status = 200;
  };
}
