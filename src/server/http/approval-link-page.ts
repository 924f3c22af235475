/**
 * The small HTML pages behind signed approval links: a confirmation with a button (GET) and the result of the
 * vote (POST). People open these from Slack or mail, so they are plain, self-contained and never cached.
 */
import type { ServerResponse } from 'node:http';
import { approvalsNeeded, type Approval, type ApprovalVerdict } from '../../contract/index.js';

const escapeHtml = (text: string): string =>
  text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');

/**
 * No scripts, no framing (a vote button inside someone else's page is a clickjacking target), no referrer (the
 * URL carries the signature), no caching (the state changes).
 */
const headers = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

/** Sends one page; `body` is trusted HTML, everything from outside is escaped by the callers below. */
function sendPage(response: ServerResponse, page: { status: number; title: string; body: string }): void {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)} · Podium</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#1f2328}
button{font:inherit;padding:.5rem 1.25rem;border:0;border-radius:6px;color:#fff;cursor:pointer}
.approve{background:#1a7f37}.deny{background:#cf222e}textarea{width:100%;font:inherit}small{color:#59636e}</style>
</head><body><h1>${escapeHtml(page.title)}</h1>
${page.body}
</body></html>
`;
  response.writeHead(page.status, { ...headers, 'content-length': String(Buffer.byteLength(html)) });
  response.end(html);
}

const facts = (approval: Approval): string => {
  const approved = approval.votes.filter((vote) => vote.stage === approval.stage && vote.verdict === 'approve').length;
  return `<small>Requested by ${escapeHtml(approval.requester)} · ${approved} of ${approvalsNeeded(approval)} approvals · ${escapeHtml(approval.id)}</small>`;
};

const label = (verdict: ApprovalVerdict): string => (verdict === 'approve' ? 'Approve' : 'Deny');

/** GET: what the link will do, and a button that does it (a link preview or mail scanner never presses it). */
export function sendConfirmPage(
  response: ServerResponse,
  options: { approval: Approval; verdict: ApprovalVerdict; approver: string },
): void {
  const { approval, verdict, approver } = options;
  sendPage(response, {
    status: 200,
    title: `${label(verdict)} as ${approver}?`,
    body: `<p>${escapeHtml(approval.summary)}</p>
<p>${facts(approval)}</p>
<form method="post"><p><label>Comment (optional)<br><textarea name="comment" rows="3" maxlength="4000"></textarea></label></p>
<p><button class="${verdict}" type="submit">${label(verdict)}</button></p></form>`,
  });
}

/** POST: the vote is recorded; says where the approval stands now. */
export function sendVotedPage(
  response: ServerResponse,
  options: { approval: Approval; verdict: ApprovalVerdict },
): void {
  const { approval, verdict } = options;
  const standing =
    approval.state === 'pending'
      ? 'It is still pending.'
      : `It is now ${approval.state}: ${approval.outcomeReason ?? ''}.`;
  sendPage(response, {
    status: 200,
    title: `${verdict === 'approve' ? 'Approved' : 'Denied'}: your vote is recorded`,
    body: `<p>${escapeHtml(approval.summary)}</p>\n<p>${escapeHtml(standing)}</p>\n<p>${facts(approval)}</p>`,
  });
}

/** A refusal (bad or expired link, not an approver, already decided) or a failure, as a page. */
export function sendProblemPage(response: ServerResponse, problem: { status: number; message: string }): void {
  const title =
    problem.status === 403
      ? 'This link cannot be used'
      : problem.status === 409
        ? 'Already decided'
        : problem.status === 404
          ? 'Not found'
          : 'Something went wrong';
  sendPage(response, { status: problem.status, title, body: `<p>${escapeHtml(problem.message)}</p>` });
}
