/** Test support for approvals: a fake clock, a recording notifier and a service wired to both. Excluded from the build. */
import type { Approval, ApprovalRequestInput } from '../../../contract/index.js';
import type { ApprovalNotification, ApprovalNotifier } from './approval-notification.js';
import type { ApprovalRecords } from './approval-records.js';
import { ApprovalService, type ApprovalServiceOptions } from './approval-service.js';
import { createMemoryApprovalRecords } from './memory-approval-records.js';

export const minute = 60_000;
export const hour = 60 * minute;

export interface FakeClock {
  now: () => Date;
  advance: (milliseconds: number) => void;
}

export function fakeClock(start = '2026-03-02T09:00:00.000Z'): FakeClock {
  let current = Date.parse(start);
  return { now: () => new Date(current), advance: (milliseconds) => (current += milliseconds) };
}

/** Keeps every notification and callback instead of sending it. */
export interface RecordingNotifier extends ApprovalNotifier {
  readonly sent: ApprovalNotification[];
  readonly callbacks: { url: string; approval: Approval }[];
  /** `kind:recipient,recipient` per notification, in order: compact for assertions. */
  summary(): string[];
}

export function recordingNotifier(): RecordingNotifier {
  const sent: ApprovalNotification[] = [];
  const callbacks: { url: string; approval: Approval }[] = [];
  return {
    sent,
    callbacks,
    notify: (notification) => Promise.resolve(void sent.push(notification)),
    callBack: (call) => Promise.resolve(void callbacks.push(call)),
    summary: () => sent.map((notification) => `${notification.kind}:${notification.recipients.join(',')}`),
  };
}

export interface ApprovalHarness {
  service: ApprovalService;
  records: ApprovalRecords;
  clock: FakeClock;
  notifier: RecordingNotifier;
  outcomes: Approval[];
}

/** A service over in-memory records, a fake clock and a recording notifier; `options` overrides any of them. */
export function approvalHarness(
  options: Partial<ApprovalServiceOptions> & { clock?: FakeClock } = {},
): ApprovalHarness {
  const clock = options.clock ?? fakeClock();
  const notifier = recordingNotifier();
  const records = options.records ?? createMemoryApprovalRecords();
  const outcomes: Approval[] = [];
  const service = new ApprovalService({
    records,
    notifier,
    now: clock.now,
    onOutcome: (approval) => void outcomes.push(approval),
    ...options,
  });
  return { service, records, clock, notifier, outcomes };
}

let decisions = 0;

/** A request with sensible defaults: a, b, c decide 2 of 3 within an hour; no escalation. */
export function approvalRequest(fields: Partial<ApprovalRequestInput> = {}): ApprovalRequestInput {
  decisions += 1;
  return {
    decisionId: `dec_${decisions}`,
    tenant: 'org_1',
    requester: 'key_agent',
    proposal: { action: 'refund', amount: 420 },
    context: { ticket: 'T-1' },
    summary: 'Refund 420 EUR to customer 42',
    approvers: ['a', 'b', 'c'],
    quorum: 2,
    escalation: [],
    timeoutMs: hour,
    onTimeout: 'deny',
    ...fields,
  };
}
