/**
 * `wait_for_approval`: blocks (at most a minute per call) until an approval is decided. Approvals live in
 * the store, so this re-reads it; a longer wait is the model calling again, which keeps every call short
 * enough for any client's timeout and the gateway's deadline.
 */
import { z } from 'zod';
import { PodiumError } from '../../../contract/index.js';
import { approvalIdSchema, approvalView, approvalViewSchema, callerApproval } from './approval-view.js';
import { definePodiumTool, type PodiumTool } from './podium-tool.js';
import type { PodiumToolsOptions } from './podium-tools-services.js';

export const maxWaitSeconds = 60;
const defaultPollMs = 1000;

const inputSchema = z.strictObject({
  approvalId: approvalIdSchema.describe('The approvalId request_approval or propose_decision returned.'),
  timeoutSeconds: z
    .number()
    .int()
    .min(0)
    .max(maxWaitSeconds)
    .default(30)
    .describe(
      `How long to wait for a decision (0 to just look, at most ${maxWaitSeconds}); call again if still pending.`,
    ),
});

/** Resolves after `ms`, or at once when the signal aborts; never keeps the process alive. */
export function sleepUnlessAborted(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    timer.unref();
    signal.addEventListener('abort', done, { once: true });
  });
}

export function waitForApprovalTool(options: PodiumToolsOptions): PodiumTool {
  const now = options.now ?? (() => new Date());
  const sleep = options.sleep ?? sleepUnlessAborted;
  const pollMs = options.pollMs ?? defaultPollMs;
  return definePodiumTool({
    name: 'wait_for_approval',
    description:
      'Wait for a human decision on an approval. Returns its state: "approved" (go ahead), "denied" or "expired" ' +
      '(do not act), or "pending" when the wait ended first (call again to keep waiting).',
    input: inputSchema,
    output: approvalViewSchema,
    readOnly: true,
    async run(args, context) {
      const until = now().getTime() + args.timeoutSeconds * 1000;
      for (;;) {
        const approval = await callerApproval({
          approvals: options.approvals,
          id: args.approvalId,
          caller: context.caller,
        });
        const left = until - now().getTime();
        if (approval.state !== 'pending' || left <= 0) return approvalView(approval);
        if (context.signal.aborted)
          throw new PodiumError('request_timeout', 'wait_for_approval: the call was cancelled before a decision');
        await sleep(Math.min(pollMs, left), context.signal);
      }
    },
  });
}
