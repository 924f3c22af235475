/** What approvals tell people, and the outlet the service tells it through. */
import type { Approval } from '../../../contract/index.js';

/**
 * `requested`: a new approval, to its first approvers. `reminder`: the stage's reminder. `escalated`: the next
 * group took over. `delegated`: someone handed their vote over. `decided`: the final state.
 */
export type ApprovalNotificationKind = 'requested' | 'reminder' | 'escalated' | 'delegated' | 'decided';

export interface ApprovalNotification {
  kind: ApprovalNotificationKind;
  approval: Approval;
  /** Who is asked to act (each gets their own signed links); empty for `decided`. */
  recipients: readonly string[];
}

/** The service's outlet; a failure is reported, never retried beyond the notifier's own attempts. */
export interface ApprovalNotifier {
  notify(notification: ApprovalNotification): Promise<void>;
  /** POSTs the final approval to the requester's `callbackUrl`. */
  callBack(options: { url: string; approval: Approval }): Promise<void>;
}
