/**
 * Human approvals: durable requests that wait for people. Every state lives in the store (nothing waits in a
 * timer), every write is conditional on the row's version, and a sweeper does the due work (reminders,
 * escalations, timeouts, undelivered outcomes), so any replica can act and none acts twice. docs/approvals.md.
 */
import { randomUUID } from 'node:crypto';
import {
  approvalRequestInputSchema,
  PodiumError,
  type Approval,
  type ApprovalChannel,
  type ApprovalRequestInput,
  type ApprovalState,
  type ApprovalVerdict,
} from '../../../contract/index.js';
import type { ApprovalRecords, StoredApproval } from './approval-records.js';
import { advance, castVote, delegateVote, reminderTime, waitingOn } from './approval-rules.js';
import type { ApprovalNotificationKind, ApprovalNotifier } from './approval-notification.js';

/** Starts the periodic sweep; returns what stops it. Injected so tests drive time themselves. */
export type SweepTimer = (sweep: () => void, intervalMs: number) => () => void;

export interface ApprovalServiceOptions {
  records: ApprovalRecords;
  /**
   * Called once per approval when it reaches a final state (the audit trail). If it throws, the outcome stays
   * unsettled and a sweep calls it again after `outcomeLeaseMs`, as it does when a replica dies mid-delivery.
   */
  onOutcome?: ((approval: Approval) => Promise<void> | void) | undefined;
  notifier?: ApprovalNotifier | undefined;
  now?: (() => Date) | undefined;
  /** For requests that set none (`approvals.reminderAfterMs`); no reminder when both are absent. */
  remindAfterMs?: number | undefined;
  sweepIntervalMs?: number | undefined;
  timer?: SweepTimer | undefined;
  outcomeLeaseMs?: number | undefined;
  /** A failed notification, callback, hook or sweep: wire it to the server log. */
  onError?: ((error: unknown) => void) | undefined;
}

export interface ApprovalListFilter {
  state?: ApprovalState | undefined;
  approver?: string | undefined;
  limit?: number | undefined;
}

export interface ApprovalVoteInput {
  id: string;
  approver: string;
  verdict: ApprovalVerdict;
  comment?: string | undefined;
  via: ApprovalChannel;
}

export interface ApprovalDelegateInput {
  id: string;
  from: string;
  to: string;
  /** Who asked for the delegation (recorded). */
  by: string;
}

const sweepPage = 100;
/** Bounds one sweep: a backlog is worked off over several sweeps rather than in one long one. */
const sweepPages = 10;
/** Conditional writes that lost a race are recomputed from a fresh read this many times. */
const writeAttempts = 5;

const defaultTimer: SweepTimer = (sweep, intervalMs) => {
  const handle = setInterval(sweep, intervalMs);
  handle.unref();
  return () => clearInterval(handle);
};

const toApproval = ({ version: _version, callbackUrl: _callbackUrl, ...approval }: StoredApproval): Approval =>
  approval;

function parseRequest(input: ApprovalRequestInput) {
  const result = approvalRequestInputSchema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    const param = issue?.path.map(String).join('.') ?? '';
    throw new PodiumError(
      'invalid_request',
      `approval request: ${param ? `${param}: ` : ''}${issue?.message ?? 'invalid'}`,
      { param: param || undefined },
    );
  }
  const request = result.data;
  for (const [index, group] of [request.approvers, ...request.escalation].entries()) {
    if (new Set(group).size !== group.length) {
      const param = index === 0 ? 'approvers' : `escalation.${index - 1}`;
      throw new PodiumError('invalid_request', `approval request: ${param} names someone twice`, { param });
    }
  }
  if (request.quorum > request.approvers.length) {
    throw new PodiumError(
      'invalid_request',
      `approval request: quorum ${request.quorum} is more than the ${request.approvers.length} approver(s)`,
      { param: 'quorum' },
    );
  }
  return request;
}

export class ApprovalService {
  private readonly records: ApprovalRecords;
  private readonly now: () => Date;
  private readonly report: (error: unknown) => void;
  private readonly inFlight = new Set<Promise<void>>();
  private stopTimer: (() => void) | undefined;
  private sweeping: Promise<void> | undefined;

  constructor(private readonly options: ApprovalServiceOptions) {
    this.records = options.records;
    this.now = options.now ?? (() => new Date());
    this.report = options.onError ?? (() => undefined);
  }

  /**
   * Files a pending approval and notifies its first approvers. Asking again for a decision that already has a
   * pending approval returns that one (a retried call does not notify twice).
   * @throws PodiumError `invalid_request` naming the field.
   */
  async request(input: ApprovalRequestInput): Promise<Approval> {
    const request = parseRequest(input);
    const now = this.now();
    const remindAfterMs = request.remindAfterMs ?? this.options.remindAfterMs ?? null;
    const { callbackUrl, ...fields } = request;
    const { approval, created } = await this.records.create({
      ...fields,
      id: request.id ?? `appr_${randomUUID().replaceAll('-', '')}`,
      proposal: fields.proposal ?? null,
      state: 'pending',
      stage: 0,
      votes: [],
      delegations: [],
      remindAfterMs,
      deadline: new Date(now.getTime() + request.timeoutMs).toISOString(),
      remindAt: reminderTime({ start: now, timeoutMs: request.timeoutMs, remindAfterMs }),
      createdAt: now.toISOString(),
      decidedAt: null,
      outcomeReason: null,
      callbackUrl: callbackUrl ?? null,
    });
    if (created) this.notify('requested', approval);
    return toApproval(approval);
  }

  async get(id: string): Promise<Approval | undefined> {
    const approval = await this.records.get(id);
    return approval && toApproval(approval);
  }

  /** Newest first; `approver` matches the current approvers ("what is waiting for me"). */
  async list(filter: ApprovalListFilter = {}): Promise<Approval[]> {
    const rows = await this.records.list({
      state: filter.state,
      approver: filter.approver,
      limit: filter.limit ?? 100,
    });
    return rows.map(toApproval);
  }

  /**
   * Records a vote (see approval-rules.ts: a deny vetoes, approvals count toward the stage's quorum). When it
   * decides the approval, the outcome hook has run by the time this returns; the callback and the webhooks follow.
   * @throws PodiumError `not_found`, `permission_denied` (param `approver`) or `conflict`.
   */
  async vote(input: ApprovalVoteInput): Promise<Approval> {
    const { id, ...vote } = input;
    const saved = await this.change(id, (approval, now) => castVote({ approval, vote, now }));
    if (saved.state !== 'pending') await this.settle(saved.id);
    return toApproval(saved);
  }

  /**
   * Hands `from`'s vote at the current stage to `to`, and notifies `to`.
   * @throws PodiumError `not_found`, `permission_denied` (param `from`), `invalid_request` (param `to`) or `conflict`.
   */
  async delegate(input: ApprovalDelegateInput): Promise<Approval> {
    const { id, ...delegation } = input;
    const saved = await this.change(id, (approval, now) => delegateVote({ approval, ...delegation, now }));
    this.notify('delegated', saved, [input.to]);
    return toApproval(saved);
  }

  /**
   * Does the work that is due now: reminders, escalations, final timeouts, and outcomes a crashed or failing
   * replica left undelivered. Only the replica whose conditional write wins acts on an approval.
   */
  async sweep(): Promise<void> {
    const now = this.now();
    for (let page = 0; page < sweepPages; page += 1) {
      const due = await this.records.due({ now, limit: sweepPage });
      for (const approval of due) await this.step(approval, now);
      if (due.length < sweepPage) break;
    }
    const staleBefore = new Date(now.getTime() - this.leaseMs());
    for (const id of await this.records.unsettled({ staleBefore, limit: sweepPage })) await this.settle(id);
  }

  /** Sweeps every `sweepIntervalMs` until `close`; a sweep still running when the next is due is not doubled. */
  start(): void {
    if (this.stopTimer !== undefined) return;
    const timer = this.options.timer ?? defaultTimer;
    this.stopTimer = timer(() => {
      if (this.sweeping !== undefined) return;
      this.sweeping = this.sweep()
        .catch(this.report)
        .finally(() => (this.sweeping = undefined));
    }, this.options.sweepIntervalMs ?? 30_000);
  }

  /** Resolves once every notification and callback started so far is delivered or given up on. */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all(this.inFlight);
  }

  /** Stops the sweeper, waits for a running sweep, then drains deliveries. */
  async close(): Promise<void> {
    this.stopTimer?.();
    this.stopTimer = undefined;
    await this.sweeping;
    await this.drain();
  }

  private leaseMs(): number {
    return this.options.outcomeLeaseMs ?? 5 * 60_000;
  }

  /** Applies `transition` to a fresh read and writes it if nobody wrote in between, retrying a lost race. */
  private async change(
    id: string,
    transition: (approval: StoredApproval, now: Date) => StoredApproval,
  ): Promise<StoredApproval> {
    for (let attempt = 0; attempt < writeAttempts; attempt += 1) {
      const approval = await this.records.get(id);
      if (approval === undefined) throw new PodiumError('not_found', `approval "${id}" not found`, { param: 'id' });
      const saved = await this.records.replace(transition(approval, this.now()));
      if (saved !== undefined) return saved;
    }
    throw new PodiumError('conflict', `approval "${id}" is changing too often right now: try again`, {
      param: 'id',
      retryable: true,
    });
  }

  private async step(approval: StoredApproval, now: Date): Promise<void> {
    const due = advance({ approval, now });
    if (due === undefined) return;
    // Undefined: another replica (or a vote) changed it since `due` read it, and did what was needed.
    const saved = await this.records.replace(due.next);
    if (saved === undefined) return;
    if (due.action === 'expire') await this.settle(saved.id);
    else this.notify(due.action === 'remind' ? 'reminder' : 'escalated', saved);
  }

  /** Delivers a final approval's outcome once: the hook (awaited), then the callback and the webhooks. */
  private async settle(id: string): Promise<void> {
    const now = this.now();
    const claimed = await this.records.claimOutcome({ id, now, staleBefore: new Date(now.getTime() - this.leaseMs()) });
    if (claimed === undefined) return;
    const approval = toApproval(claimed);
    try {
      await this.options.onOutcome?.(approval);
    } catch (error) {
      this.report(error);
      return;
    }
    await this.records.settleOutcome({ id, at: now });
    this.notify('decided', claimed, []);
    const { notifier } = this.options;
    if (claimed.callbackUrl !== null && notifier !== undefined)
      this.track(notifier.callBack({ url: claimed.callbackUrl, approval }));
  }

  private notify(
    kind: ApprovalNotificationKind,
    approval: StoredApproval,
    recipients: readonly string[] = waitingOn(approval),
  ): void {
    const { notifier } = this.options;
    if (notifier !== undefined) this.track(notifier.notify({ kind, approval: toApproval(approval), recipients }));
  }

  private track(delivery: Promise<void>): void {
    const task = delivery.catch(this.report).finally(() => this.inFlight.delete(task));
    this.inFlight.add(task);
  }
}
