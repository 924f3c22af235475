/** The body an approval webhook receives: JSON for machines, or a Slack-compatible message for people. */
import { approvalsNeeded, type Approval, type ApprovalVerdict, type WebhookFormat } from '../../../contract/index.js';
import type { ApprovalLinks } from './approval-links.js';
import type { ApprovalNotification, ApprovalNotificationKind } from './approval-notification.js';

/** One recipient's signed links. */
export interface ApprovalLinkPair {
  approver: string;
  approve: string;
  deny: string;
}

/** Slack allows 25 elements per actions block: 12 approvers' two buttons fit in one. */
const approversPerBlock = 12;
/** Slack's limit on a button's text. */
const buttonTextLimit = 75;

/** Slack mrkdwn treats these three as control characters; everything else is literal. */
const escapeMrkdwn = (text: string): string =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

const headline: Record<Exclude<ApprovalNotificationKind, 'decided'>, string> = {
  requested: 'Approval needed',
  reminder: 'Reminder: approval still needed',
  escalated: 'Escalated: approval needed',
  delegated: 'Delegated to you: approval needed',
};

function titleOf(notification: ApprovalNotification): string {
  const { kind, approval } = notification;
  if (kind !== 'decided') return headline[kind];
  return { pending: 'Pending', approved: 'Approved', denied: 'Denied', expired: 'Expired' }[approval.state];
}

/** The links of every recipient, when links can be built (a public URL is configured). */
function linkPairs(notification: ApprovalNotification, links: ApprovalLinks): ApprovalLinkPair[] {
  const { approval } = notification;
  const link = (approver: string, verdict: ApprovalVerdict) => links.url({ id: approval.id, verdict, approver });
  return notification.recipients.flatMap((approver) => {
    const approve = link(approver, 'approve');
    const deny = link(approver, 'deny');
    return approve === undefined || deny === undefined ? [] : [{ approver, approve, deny }];
  });
}

/** Slack renders the deadline in each reader's own time zone; the ISO instant is the fallback text. */
const slackDate = (iso: string): string =>
  `<!date^${Math.floor(Date.parse(iso) / 1000)}^{date_short_pretty} at {time}|${iso}>`;

function facts(approval: Approval): string {
  const approved = approval.votes.filter((vote) => vote.stage === approval.stage && vote.verdict === 'approve').length;
  const progress = `${approved} of ${approvalsNeeded(approval)} approvals from ${approval.approvers.join(', ')}`;
  const when =
    approval.state === 'pending'
      ? `decide by ${slackDate(approval.deadline)}`
      : (approval.outcomeReason ?? approval.state);
  return (
    escapeMrkdwn(`requested by ${approval.requester} · ${progress} · stage ${approval.stage} · ${approval.id}`) +
    ` · ${when}`
  );
}

function button(options: { verdict: ApprovalVerdict; approver: string; url: string; index: number }): unknown {
  const text = `${options.verdict === 'approve' ? 'Approve' : 'Deny'} as ${options.approver}`;
  return {
    type: 'button',
    text: { type: 'plain_text', text: text.length > buttonTextLimit ? `${text.slice(0, buttonTextLimit - 1)}…` : text },
    style: options.verdict === 'approve' ? 'primary' : 'danger',
    url: options.url,
    action_id: `${options.verdict}-${options.index}`,
  };
}

function slackMessage(
  notification: ApprovalNotification,
  pairs: readonly ApprovalLinkPair[],
): { text: string; blocks: unknown[] } {
  const { approval } = notification;
  const text = escapeMrkdwn(`${titleOf(notification)}: ${approval.summary}`);
  const blocks: unknown[] = [
    {
      type: 'section',
      text: { type: 'mrkdwn', text: `*${escapeMrkdwn(titleOf(notification))}*\n${escapeMrkdwn(approval.summary)}` },
    },
    { type: 'context', elements: [{ type: 'mrkdwn', text: facts(approval) }] },
  ];
  for (let start = 0; start < pairs.length; start += approversPerBlock) {
    const elements = pairs
      .slice(start, start + approversPerBlock)
      .flatMap((pair, offset) => [
        button({ verdict: 'approve', approver: pair.approver, url: pair.approve, index: start + offset }),
        button({ verdict: 'deny', approver: pair.approver, url: pair.deny, index: start + offset }),
      ]);
    blocks.push({ type: 'actions', elements });
  }
  if (pairs.length === 0 && notification.recipients.length > 0) {
    const command = `podium approvals approve ${approval.id} --as <name>`;
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `Decide with \`${escapeMrkdwn(command)}\` (or deny)` }],
    });
  }
  return { text, blocks };
}

/**
 * `json`: `{ kind, approval, links }` (links per recipient; empty without a public URL). `slack`: `{ text, blocks }`
 * as Slack incoming webhooks (and Mattermost's) accept it, with an Approve and a Deny link button per recipient.
 */
export function approvalPayload(options: {
  notification: ApprovalNotification;
  format: WebhookFormat;
  links: ApprovalLinks;
}): unknown {
  const { notification, format, links } = options;
  const pairs = linkPairs(notification, links);
  if (format === 'json') return { kind: notification.kind, approval: notification.approval, links: pairs };
  return slackMessage(notification, pairs);
}
