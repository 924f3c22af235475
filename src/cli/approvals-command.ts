/** `podium approvals list | show | approve | deny | delegate`: human approvals through the admin API. */
import { parseArgs } from 'node:util';
import {
  approvalSchema,
  approvalsNeeded,
  approvalStates,
  listOf,
  type Approval,
  type ApprovalVerdict,
} from '../contract/index.js';
import { createAdminClient } from './admin-client.js';
import type { CommandGroup, CommandRun } from './cli-context.js';
import { UsageError } from './cli-error.js';
import { formatTable, formatTimestamp } from './format-table.js';
import { expectPositionals, parseOrUsage, printUsage, requireOption, runSubcommand } from './parse-command.js';
import { printJson } from './print-json.js';

export const approvalsUsage = `Usage:
  podium approvals list [--state pending|approved|denied|expired] [--approver <name>] [--limit <n>] [--json]
  podium approvals show <id> [--json]
  podium approvals approve <id> --as <name> [--comment <text>] [--json]
  podium approvals deny <id> --as <name> [--comment <text>] [--json]
  podium approvals delegate <id> --from <name> --to <name> [--json]

Human approvals of the running Podium at PODIUM_URL (admin key: PODIUM_ADMIN_KEY); see docs/approvals.md.

  list              newest first; --approver shows what waits for that person (current approvers)
  approve, deny     vote as --as; a deny vetoes, approvals count toward the current stage's quorum
  delegate          hands --from's vote at the current stage to --to
  --json            print the API response as JSON
`;

const help = { help: { type: 'boolean', short: 'h' } } as const;
const json = { json: { type: 'boolean' } } as const;
const path = (id: string, action = ''): string =>
  `/api/v1/approvals/${encodeURIComponent(id)}${action === '' ? '' : `/${action}`}`;

/** Summaries are one line by contract, but long; --json and `show` have them whole. */
const excerpt = (text: string): string => (text.length > 50 ? `${text.slice(0, 49).trimEnd()}…` : text);

const stageApprovals = (approval: Approval): number =>
  approval.votes.filter((vote) => vote.stage === approval.stage && vote.verdict === 'approve').length;

const progress = (approval: Approval): string => `${stageApprovals(approval)}/${approvalsNeeded(approval)}`;

const listApprovals: CommandRun = async (context, args) => {
  const { values } = parseOrUsage(approvalsUsage, () =>
    parseArgs({
      args,
      strict: true,
      options: { ...help, ...json, state: { type: 'string' }, approver: { type: 'string' }, limit: { type: 'string' } },
    }),
  );
  if (values.help === true) return printUsage(context, approvalsUsage);
  const { state, approver, limit } = values;
  if (state !== undefined && !(approvalStates as readonly string[]).includes(state)) {
    throw new UsageError(`--state must be ${approvalStates.join(', ')}, not "${state}"`, approvalsUsage);
  }
  const query = { state, approver, limit };
  const { data } = await createAdminClient(context).call({
    method: 'GET',
    path: '/api/v1/approvals',
    query,
    schema: listOf(approvalSchema),
  });
  if (values.json === true) printJson(context, { data });
  else if (data.length === 0) context.stdout.write('No approvals.\n');
  else {
    const rows = data.map((approval) => [
      approval.id,
      approval.state,
      approval.stage,
      progress(approval),
      approval.approvers.join(','),
      approval.state === 'pending' ? formatTimestamp(approval.deadline) : null,
      excerpt(approval.summary),
    ]);
    context.stdout.write(
      formatTable(['ID', 'STATE', 'STAGE', 'APPROVED', 'APPROVERS', 'DEADLINE (UTC)', 'SUMMARY'], rows),
    );
  }
  return 0;
};

function describe(approval: Approval): string {
  const lines = [
    `${approval.id}  ${approval.state}${approval.outcomeReason === null ? '' : ` (${approval.outcomeReason})`}`,
    `  ${approval.summary}`,
    `  decision ${approval.decisionId} · tenant ${approval.tenant} · requested by ${approval.requester} at ${formatTimestamp(approval.createdAt)} UTC`,
    `  stage ${approval.stage}: ${progress(approval)} approvals from ${approval.approvers.join(', ')}` +
      (approval.state === 'pending' ? `, deadline ${formatTimestamp(approval.deadline)} UTC` : ''),
  ];
  const next = approval.escalation.slice(approval.stage);
  if (approval.state === 'pending' && next.length > 0)
    lines.push(`  escalates to: ${next.map((group) => group.join(', ')).join(' → ')}`);
  for (const vote of approval.votes) {
    lines.push(
      `  ${vote.verdict === 'approve' ? 'approved' : 'denied'} by ${vote.approver} at stage ${vote.stage} via ${vote.via}, ${formatTimestamp(vote.at)}${vote.comment === null ? '' : `: ${vote.comment}`}`,
    );
  }
  for (const delegation of approval.delegations)
    lines.push(`  ${delegation.from} delegated to ${delegation.to} at stage ${delegation.stage} (by ${delegation.by})`);
  lines.push(`  proposal: ${JSON.stringify(approval.proposal)}`);
  return `${lines.join('\n')}\n`;
}

const showApproval: CommandRun = async (context, args) => {
  const { values, positionals } = parseOrUsage(approvalsUsage, () =>
    parseArgs({ args, strict: true, allowPositionals: true, options: { ...help, ...json } }),
  );
  if (values.help === true) return printUsage(context, approvalsUsage);
  const [id = ''] = expectPositionals(positionals, ['id'], approvalsUsage);
  const approval = await createAdminClient(context).call({ method: 'GET', path: path(id), schema: approvalSchema });
  if (values.json === true) printJson(context, approval);
  else context.stdout.write(describe(approval));
  return 0;
};

const vote =
  (verdict: ApprovalVerdict): CommandRun =>
  async (context, args) => {
    const { values, positionals } = parseOrUsage(approvalsUsage, () =>
      parseArgs({
        args,
        strict: true,
        allowPositionals: true,
        options: { ...help, ...json, as: { type: 'string' }, comment: { type: 'string' } },
      }),
    );
    if (values.help === true) return printUsage(context, approvalsUsage);
    const [id = ''] = expectPositionals(positionals, ['id'], approvalsUsage);
    const body = { approver: requireOption(values.as, '--as', approvalsUsage), comment: values.comment, via: 'cli' };
    const approval = await createAdminClient(context).call({
      method: 'POST',
      path: path(id, verdict),
      body,
      schema: approvalSchema,
    });
    if (values.json === true) printJson(context, approval);
    else if (approval.state === 'pending')
      context.stdout.write(`Voted ${verdict} on ${approval.id}: still pending, ${progress(approval)} approvals.\n`);
    else
      context.stdout.write(
        `Voted ${verdict} on ${approval.id}: ${approval.state} (${approval.outcomeReason ?? ''}).\n`,
      );
    return 0;
  };

const delegate: CommandRun = async (context, args) => {
  const { values, positionals } = parseOrUsage(approvalsUsage, () =>
    parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      options: { ...help, ...json, from: { type: 'string' }, to: { type: 'string' } },
    }),
  );
  if (values.help === true) return printUsage(context, approvalsUsage);
  const [id = ''] = expectPositionals(positionals, ['id'], approvalsUsage);
  const body = {
    from: requireOption(values.from, '--from', approvalsUsage),
    to: requireOption(values.to, '--to', approvalsUsage),
  };
  const approval = await createAdminClient(context).call({
    method: 'POST',
    path: path(id, 'delegate'),
    body,
    schema: approvalSchema,
  });
  if (values.json === true) printJson(context, approval);
  else
    context.stdout.write(
      `${body.from} delegated their vote on ${approval.id} to ${body.to}; approvers now: ${approval.approvers.join(', ')}.\n`,
    );
  return 0;
};

/** `podium approvals …`: list, show and decide human approvals. */
export const approvalsCommand: CommandGroup = {
  name: 'approvals',
  summary: 'list and show human approvals, approve, deny or delegate them',
  usage: approvalsUsage,
  run: (context, args) =>
    runSubcommand({
      context,
      args,
      group: 'approvals',
      usage: approvalsUsage,
      subcommands: { list: listApprovals, show: showApproval, approve: vote('approve'), deny: vote('deny'), delegate },
    }),
};
