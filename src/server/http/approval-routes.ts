/**
 * Human approvals under /api/v1/approvals: the admin API (list, show, vote, delegate; admin key) and the signed
 * link route, where the link's signature is the credential and the answer is a small HTML page.
 */
import { z } from 'zod';
import {
  approvalDelegateBodySchema,
  approvalLinkQuerySchema,
  approvalVoteBodySchema,
  listApprovalsQuerySchema,
  PodiumError,
  toPodiumError,
  type ApprovalLinkQuery,
  type ApprovalVerdict,
} from '../../contract/index.js';
import type { AdminCredential } from '../identity/index.js';
import type { ApprovalLinks, ApprovalService } from '../governance/approvals/index.js';
import { sendConfirmPage, sendProblemPage, sendVotedPage } from './approval-link-page.js';
import { credentialOf } from './credential.js';
import { sendError, sendJson } from './http-server.js';
import { parseInput, parseJsonBody } from './parse-input.js';
import { readBody } from './read-body.js';
import type { RouteHandler, RouteInput, Router } from './router.js';

export interface ApprovalRouteOptions {
  admin: AdminCredential;
  approvals: Pick<ApprovalService, 'list' | 'get' | 'vote' | 'delegate'>;
  links: Pick<ApprovalLinks, 'verify'>;
  /** A link action that failed on our side (the person sees a generic page): wire it to the server log. */
  onError?: ((error: unknown) => void) | undefined;
}

const bodyLimit = 64 * 1024;
/** The confirmation form posts at most a comment. */
const formSchema = z.object({ comment: z.string().max(4000).optional() });

type Action = (input: RouteInput & { body: () => Promise<unknown> }) => Promise<{ status: number; body: unknown }>;

/** Checks the admin key, runs the action and answers JSON; every failure in the admin error shape. */
function adminRoute(admin: AdminCredential, action: Action): RouteHandler {
  return async (input) => {
    try {
      admin.verify(credentialOf(input.request.headers));
      const body = async () => parseJsonBody(await readBody(input.request, bodyLimit));
      const reply = await action({ ...input, body });
      sendJson(input.response, reply.status, reply.body);
    } catch (error) {
      input.request.resume();
      sendError(input.response, error, 'admin');
    }
  };
}

/** The link's query, validated and verified: a 400 names the field, a bad signature or expiry is a 403. */
function verifiedLink(input: RouteInput, links: ApprovalRouteOptions['links']): ApprovalLinkQuery & { id: string } {
  const link = {
    id: input.params.id ?? '',
    ...parseInput(approvalLinkQuerySchema, Object.fromEntries(input.query), 'query'),
  };
  links.verify(link);
  return link;
}

/** Runs a link action; any failure becomes a page with the error's status (internal details stay in the log). */
function linkRoute(options: {
  onError: ((error: unknown) => void) | undefined;
  action: (input: RouteInput) => Promise<void>;
}): RouteHandler {
  const { onError, action } = options;
  return async (input) => {
    try {
      await action(input);
    } catch (error) {
      input.request.resume();
      const problem = toPodiumError(error);
      sendProblemPage(input.response, {
        status: problem.status,
        message: problem.status >= 500 ? 'Podium could not record this vote; try again.' : problem.message,
      });
      if (problem.status >= 500) onError?.(error);
    }
  };
}

/** Adds the approval routes: admin-key routes, and the signed link route (GET confirms, POST votes). */
export function addApprovalRoutes(router: Router, options: ApprovalRouteOptions): void {
  const { admin, approvals } = options;
  const vote = (verdict: ApprovalVerdict): RouteHandler =>
    adminRoute(admin, async ({ params, body }) => {
      const input = parseInput(approvalVoteBodySchema, await body(), 'body');
      return { status: 200, body: await approvals.vote({ id: params.id ?? '', verdict, ...input }) };
    });

  router
    .add(
      'GET',
      '/api/v1/approvals',
      adminRoute(admin, async ({ query }) => ({
        status: 200,
        body: { data: await approvals.list(parseInput(listApprovalsQuerySchema, Object.fromEntries(query), 'query')) },
      })),
    )
    .add(
      'GET',
      '/api/v1/approvals/:id',
      adminRoute(admin, async ({ params }) => {
        const approval = await approvals.get(params.id ?? '');
        if (approval === undefined)
          throw new PodiumError('not_found', `approval "${params.id ?? ''}" not found`, { param: 'id' });
        return { status: 200, body: approval };
      }),
    )
    .add('POST', '/api/v1/approvals/:id/approve', vote('approve'))
    .add('POST', '/api/v1/approvals/:id/deny', vote('deny'))
    .add(
      'POST',
      '/api/v1/approvals/:id/delegate',
      adminRoute(admin, async ({ params, body }) => {
        const { from, to, by } = parseInput(approvalDelegateBodySchema, await body(), 'body');
        return { status: 200, body: await approvals.delegate({ id: params.id ?? '', from, to, by: by ?? from }) };
      }),
    );

  const onError = options.onError;
  router
    .add('GET', '/api/v1/approvals/:id/act', linkRoute({ onError, action: (input) => confirmLink(input, options) }))
    .add('POST', '/api/v1/approvals/:id/act', linkRoute({ onError, action: (input) => voteByLink(input, options) }));
}

/** GET: checks the link and the approval, then shows a confirmation; nothing changes until its button is pressed. */
async function confirmLink(input: RouteInput, options: ApprovalRouteOptions): Promise<void> {
  const link = verifiedLink(input, options.links);
  const approval = await options.approvals.get(link.id);
  if (approval === undefined) throw new PodiumError('not_found', 'This approval does not exist (any more).');
  if (approval.state !== 'pending')
    throw new PodiumError('conflict', `This approval is already ${approval.state}: ${approval.outcomeReason ?? ''}.`);
  if (!approval.approvers.includes(link.approver)) {
    throw new PodiumError(
      'permission_denied',
      `${link.approver} is no longer among the approvers (${approval.approvers.join(', ')}).`,
    );
  }
  sendConfirmPage(input.response, { approval, verdict: link.verdict, approver: link.approver });
}

/** POST (the confirmation's button): votes as the link's approver, with the form's optional comment. */
async function voteByLink(input: RouteInput, options: ApprovalRouteOptions): Promise<void> {
  const link = verifiedLink(input, options.links);
  const form = formSchema.safeParse(
    Object.fromEntries(new URLSearchParams((await readBody(input.request, bodyLimit)).toString('utf8'))),
  );
  if (!form.success)
    throw new PodiumError('invalid_request', 'The comment is longer than 4000 characters.', { param: 'comment' });
  const comment = form.data.comment?.trim() || undefined;
  const approval = await options.approvals.vote({
    id: link.id,
    approver: link.approver,
    verdict: link.verdict,
    comment,
    via: 'link',
  });
  sendVotedPage(input.response, { approval, verdict: link.verdict });
}
