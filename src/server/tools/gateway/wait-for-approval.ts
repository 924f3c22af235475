/**
 * Waits for a pending tool call's approval to be decided, by bounded polling of the approval store: approvals
 * are decided by any replica (a vote through the API, a signed link, the sweeper's timeout), and the store is
 * the one place all of them write. Polls back off from `minIntervalMs` to `maxIntervalMs`; the wait ends at the
 * approval's deadline at the latest, or when the signal aborts.
 */
import { PodiumError } from '../../../contract/index.js';
import type { ApprovalService } from '../../governance/approvals/index.js';
import type { ApprovalWait } from '../tool-gateway.js';

export interface WaitForApprovalOptions {
  approvals: Pick<ApprovalService, 'get'>;
  now: () => Date;
  /** Resolves after `ms`, or rejects when `signal` aborts. Injected so tests drive time. */
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  minIntervalMs?: number;
  maxIntervalMs?: number;
}

/** `setTimeout` that an abort cancels. */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as Error);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export function waitForApproval(
  options: WaitForApprovalOptions,
): (id: string, signal: AbortSignal) => Promise<ApprovalWait> {
  const minimum = options.minIntervalMs ?? 500;
  const maximum = options.maxIntervalMs ?? 5000;
  return async (id, signal) => {
    let interval = minimum;
    for (;;) {
      const approval = await options.approvals.get(id);
      if (!approval)
        throw new PodiumError('not_found', `approval ${id.slice(0, 80)} does not exist`, { param: 'approvalId' });
      if (approval.state === 'approved') return 'approved';
      if (approval.state === 'denied') return 'denied';
      const left = Date.parse(approval.deadline) - options.now().getTime();
      if (approval.state === 'expired' || left <= 0) return 'expired';
      await options.sleep(Math.min(interval, left), signal);
      interval = Math.min(maximum, interval * 2);
    }
  };
}
