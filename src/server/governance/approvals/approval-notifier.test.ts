import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { approvalLinkQuerySchema, type Approval } from '../../../contract/index.js';
import { createOutboundGuard } from '../../outbound/index.js';
import { FakeUpstream } from '../../testkit/index.js';
import { createApprovalLinks, type ApprovalLinks } from './approval-links.js';
import type { ApprovalNotification } from './approval-notification.js';
import { createApprovalNotifier } from './approval-notifier.js';
import { approvalPayload } from './approval-payload.js';
import { approvalHarness, approvalRequest, fakeClock, hour } from './approval-test-kit.test-suite.js';

const clock = fakeClock();
const links = createApprovalLinks({
  secret: 'test-secret',
  publicUrl: 'https://podium.example.com',
  ttlMs: 24 * hour,
  now: clock.now,
});
const noLinks = createApprovalLinks({ secret: 'test-secret', ttlMs: hour, now: clock.now });

async function pendingApproval(fields: Parameters<typeof approvalRequest>[0] = {}): Promise<Approval> {
  const { service } = approvalHarness({ clock });
  return service.request(approvalRequest(fields));
}

/** Checks a button's link against the signer and returns its verdict and approver. */
function linkOf(url: string, approval: Approval, signer: ApprovalLinks = links): string {
  const query = approvalLinkQuerySchema.parse(Object.fromEntries(new URL(url).searchParams));
  signer.verify({ id: approval.id, ...query });
  return `${query.verdict}:${query.approver}`;
}

describe('approval webhook payloads', () => {
  it('slack: a { text, blocks } message with an Approve and a Deny link button per recipient, signed for them', async () => {
    const approval = await pendingApproval({ summary: 'Refund <b>420</b> & close' });
    const notification: ApprovalNotification = { kind: 'requested', approval, recipients: ['a', 'b'] };
    const message = approvalPayload({ notification, format: 'slack', links }) as {
      text: string;
      blocks: { type: string; elements?: { url?: string }[] }[];
    };

    expect(message.text).toBe('Approval needed: Refund &lt;b&gt;420&lt;/b&gt; &amp; close');
    expect(message.blocks).toEqual([
      {
        type: 'section',
        text: { type: 'mrkdwn', text: '*Approval needed*\nRefund &lt;b&gt;420&lt;/b&gt; &amp; close' },
      },
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text:
              `requested by key_agent · 0 of 2 approvals from a, b, c · stage 0 · ${approval.id} · ` +
              `decide by <!date^${Date.parse(approval.deadline) / 1000}^{date_short_pretty} at {time}|${approval.deadline}>`,
          },
        ],
      },
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            text: { type: 'plain_text', text: 'Approve as a' },
            style: 'primary',
            url: expect.any(String) as unknown,
            action_id: 'approve-0',
          },
          {
            type: 'button',
            text: { type: 'plain_text', text: 'Deny as a' },
            style: 'danger',
            url: expect.any(String) as unknown,
            action_id: 'deny-0',
          },
          {
            type: 'button',
            text: { type: 'plain_text', text: 'Approve as b' },
            style: 'primary',
            url: expect.any(String) as unknown,
            action_id: 'approve-1',
          },
          {
            type: 'button',
            text: { type: 'plain_text', text: 'Deny as b' },
            style: 'danger',
            url: expect.any(String) as unknown,
            action_id: 'deny-1',
          },
        ],
      },
    ]);
    const urls = message.blocks[2]?.elements?.map((element) => linkOf(element.url ?? '', approval));
    expect(urls).toEqual(['approve:a', 'deny:a', 'approve:b', 'deny:b']);
  });

  it('slack: keeps within 25 elements per actions block, and names the CLI when there are no links', async () => {
    const approvers = Array.from({ length: 13 }, (_, index) => `person${index}`);
    const approval = await pendingApproval({ approvers, quorum: 1 });
    const many = approvalPayload({
      notification: { kind: 'reminder', approval, recipients: approvers },
      format: 'slack',
      links,
    }) as { blocks: { type: string; elements: unknown[] }[] };
    expect(many.blocks.filter((block) => block.type === 'actions').map((block) => block.elements.length)).toEqual([
      24, 2,
    ]);

    const bare = approvalPayload({
      notification: { kind: 'escalated', approval, recipients: ['lead'] },
      format: 'slack',
      links: noLinks,
    }) as { text: string; blocks: { type: string; elements?: { text: string }[] }[] };
    expect(bare.text).toBe('Escalated: approval needed: Refund 420 EUR to customer 42');
    expect(bare.blocks.map((block) => block.type)).toEqual(['section', 'context', 'context']);
    expect(bare.blocks[2]?.elements?.[0]?.text).toBe(
      `Decide with \`podium approvals approve ${approval.id} --as &lt;name&gt;\` (or deny)`,
    );
  });

  it('slack: a decided approval says how it ended, without buttons', async () => {
    const approval = { ...(await pendingApproval()), state: 'expired' as const, outcomeReason: 'timed out' };
    const message = approvalPayload({
      notification: { kind: 'decided', approval, recipients: [] },
      format: 'slack',
      links,
    }) as { text: string; blocks: { type: string }[] };
    expect(message.text).toBe('Expired: Refund 420 EUR to customer 42');
    expect(message.blocks.map((block) => block.type)).toEqual(['section', 'context']);
    expect(JSON.stringify(message.blocks[1])).toContain('· timed out');
  });

  it("json: the kind, the approval and each recipient's links", async () => {
    const approval = await pendingApproval();
    const body = approvalPayload({
      notification: { kind: 'delegated', approval, recipients: ['dana'] },
      format: 'json',
      links,
    }) as { links: { approve: string; deny: string }[] };
    expect(body).toEqual({
      kind: 'delegated',
      approval,
      links: [{ approver: 'dana', approve: expect.any(String) as unknown, deny: expect.any(String) as unknown }],
    });
    expect(body.links.flatMap((pair) => [linkOf(pair.approve, approval), linkOf(pair.deny, approval)])).toEqual([
      'approve:dana',
      'deny:dana',
    ]);
    expect(
      approvalPayload({
        notification: { kind: 'requested', approval, recipients: ['a'] },
        format: 'json',
        links: noLinks,
      }),
    ).toMatchObject({ links: [] });
  });
});

describe('the webhook notifier with the service', () => {
  // The fake receiver listens on loopback: reachable only because the allow-list says so.
  const loopbackAllowed = createOutboundGuard({ allow: ['127.0.0.1'] }).fetch;
  let receiver: FakeUpstream;
  beforeAll(async () => {
    receiver = await FakeUpstream.start();
  });
  beforeEach(() => receiver.reset());
  afterAll(() => receiver.close());

  it('posts Slack messages to the webhook and the final approval to the callback, once', async () => {
    receiver.always({ status: 200, text: 'ok' });
    const notifier = createApprovalNotifier({
      webhooks: [{ url: `${receiver.url}/hooks/slack`, format: 'slack', headers: { 'x-token': 't' } }],
      links,
      fetch: loopbackAllowed,
      sleep: () => Promise.resolve(),
    });
    const { service } = approvalHarness({ notifier, clock });
    const filed = await service.request(
      approvalRequest({ approvers: ['a'], quorum: 1, callbackUrl: `${receiver.url}/callback?run=7` }),
    );
    const approved = await service.vote({ id: filed.id, approver: 'a', verdict: 'approve', via: 'api' });
    await service.sweep();
    await service.drain();

    const byPath = (path: string) => receiver.requests.filter((request) => request.path === path);
    expect(byPath('/hooks/slack').map((request) => (request.json as { text: string }).text)).toEqual([
      'Approval needed: Refund 420 EUR to customer 42',
      'Approved: Refund 420 EUR to customer 42',
    ]);
    expect(byPath('/hooks/slack')[0]?.headers['x-token']).toBe('t');
    expect(byPath('/callback?run=7').map((request) => [request.method, request.json])).toEqual([['POST', approved]]);
  });

  it('retries a failing receiver and reports a callback that never succeeds, naming only its origin', async () => {
    receiver.enqueue({ status: 503 }, { status: 200 }).always({ status: 500 });
    const errors: unknown[] = [];
    const notifier = createApprovalNotifier({
      webhooks: [{ url: `${receiver.url}/hook`, format: 'json' }],
      links,
      fetch: loopbackAllowed,
      sleep: () => Promise.resolve(),
      retry: { attempts: 2 },
    });
    const { service } = approvalHarness({ notifier, clock, onError: (error) => errors.push(error) });
    const filed = await service.request(
      approvalRequest({ approvers: ['a'], quorum: 1, callbackUrl: `${receiver.url}/secret-path` }),
    );
    await service.drain();
    expect(receiver.requests.map((request) => request.path)).toEqual(['/hook', '/hook']);
    await service.vote({ id: filed.id, approver: 'a', verdict: 'deny', via: 'api' });
    await service.drain();
    const messages = errors.map((error) => (error instanceof Error ? error.message : String(error)));
    expect(messages).toContainEqual(`approval callback at ${receiver.url} failed after 2 attempt(s): HTTP 500`);
    expect(messages.join('\n')).not.toContain('secret-path');
  });

  it('sends nothing to a loopback callback or webhook without the allow-list (checked again at send time)', async () => {
    receiver.always({ status: 200, text: 'ok' });
    const errors: unknown[] = [];
    const notifier = createApprovalNotifier({
      webhooks: [{ url: `${receiver.url}/hook`, format: 'json' }],
      links,
      sleep: () => Promise.resolve(),
      retry: { attempts: 3 },
    });
    const { service } = approvalHarness({ notifier, clock, onError: (error) => errors.push(error) });
    const filed = await service.request(
      approvalRequest({ approvers: ['a'], quorum: 1, callbackUrl: `${receiver.url}/callback` }),
    );
    await service.vote({ id: filed.id, approver: 'a', verdict: 'approve', via: 'api' });
    await service.sweep();
    await service.drain();
    expect(receiver.requests).toEqual([]);
    const messages = errors.map((error) => (error instanceof Error ? error.message : String(error))).join('\n');
    expect(messages).toMatch(
      /approval callback at .* failed after 3 attempt\(s\): url: must not point at a loopback address/,
    );
  });
});
