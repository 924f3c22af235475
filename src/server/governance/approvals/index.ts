export { ApprovalService } from './approval-service.js';
export type {
  ApprovalDelegateInput,
  ApprovalListFilter,
  ApprovalServiceOptions,
  ApprovalVoteInput,
  SweepTimer,
} from './approval-service.js';
export type { ApprovalRecordFilter, ApprovalRecords, StoredApproval } from './approval-records.js';
export { createMemoryApprovalRecords } from './memory-approval-records.js';
export { createApprovalLinks } from './approval-links.js';
export type { ApprovalLinks, ApprovalLinksOptions, ApprovalLinkTarget } from './approval-links.js';
export { retireStoredLinkSecret } from './retire-stored-link-secret.js';
export { createApprovalNotifier } from './approval-notifier.js';
export type { ApprovalNotifierOptions } from './approval-notifier.js';
export type { ApprovalNotification, ApprovalNotificationKind, ApprovalNotifier } from './approval-notification.js';
export { approvalPayload } from './approval-payload.js';
export type { ApprovalLinkPair } from './approval-payload.js';
export type { ApprovalRequestInput, Approval } from '../../../contract/index.js';
export { createApprovalRepository } from './approval-repository.js';
export { approvalMigrations } from './approval-migrations.js';
