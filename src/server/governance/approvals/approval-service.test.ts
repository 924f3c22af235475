import { describe, expect, it } from 'vitest';
import { PodiumError } from '../../../contract/index.js';
import { approvalHarness, approvalRequest, hour, minute } from './approval-test-kit.test-suite.js';

const rejection = (code: string, param: string) =>
  expect.objectContaining({ name: 'PodiumError', code, param }) as unknown;

describe('ApprovalService: votes', () => {
  it('files a pending approval, notifies its approvers, and approves when 2 of 3 approve', async () => {
    const { service, notifier, outcomes, clock } = approvalHarness();
    const filed = await service.request(approvalRequest());
    expect(filed).toMatchObject({
      state: 'pending',
      stage: 0,
      approvers: ['a', 'b', 'c'],
      quorum: 2,
      votes: [],
      deadline: '2026-03-02T10:00:00.000Z',
    });
    expect(filed).not.toHaveProperty('callbackUrl');

    clock.advance(minute);
    const once = await service.vote({ id: filed.id, approver: 'a', verdict: 'approve', via: 'api' });
    expect(once.state).toBe('pending');
    expect(outcomes).toEqual([]);
    const twice = await service.vote({ id: filed.id, approver: 'c', verdict: 'approve', comment: 'ok', via: 'cli' });
    await service.drain();

    expect(twice).toMatchObject({
      state: 'approved',
      decidedAt: '2026-03-02T09:01:00.000Z',
      outcomeReason: 'quorum reached (2 of 3): approved by a, c',
    });
    expect(twice.votes).toEqual([
      { approver: 'a', verdict: 'approve', comment: null, via: 'api', at: '2026-03-02T09:01:00.000Z', stage: 0 },
      { approver: 'c', verdict: 'approve', comment: 'ok', via: 'cli', at: '2026-03-02T09:01:00.000Z', stage: 0 },
    ]);
    expect(outcomes).toEqual([twice]);
    expect(notifier.summary()).toEqual(['requested:a,b,c', 'decided:']);
    expect(await service.get(filed.id)).toEqual(twice);
  });

  it('treats a deny as a veto: the approval is denied at once, whatever the approvals so far', async () => {
    const { service, outcomes } = approvalHarness();
    const filed = await service.request(approvalRequest());
    await service.vote({ id: filed.id, approver: 'a', verdict: 'approve', via: 'api' });
    const denied = await service.vote({
      id: filed.id,
      approver: 'b',
      verdict: 'deny',
      comment: 'amount too high',
      via: 'console',
    });
    expect(denied).toMatchObject({ state: 'denied', outcomeReason: 'denied by b: amount too high' });
    expect(outcomes.map((outcome) => outcome.state)).toEqual(['denied']);
  });

  it('refuses a stranger (403), a second vote and any vote on a final approval (409), and an unknown id (404)', async () => {
    const { service } = approvalHarness();
    const filed = await service.request(approvalRequest());
    await expect(service.vote({ id: filed.id, approver: 'mallory', verdict: 'approve', via: 'api' })).rejects.toEqual(
      rejection('permission_denied', 'approver'),
    );
    await service.vote({ id: filed.id, approver: 'a', verdict: 'approve', via: 'api' });
    await expect(service.vote({ id: filed.id, approver: 'a', verdict: 'deny', via: 'api' })).rejects.toEqual(
      rejection('conflict', 'approver'),
    );
    await service.vote({ id: filed.id, approver: 'b', verdict: 'approve', via: 'api' });
    const final = service.vote({ id: filed.id, approver: 'c', verdict: 'deny', via: 'api' });
    await expect(final).rejects.toEqual(rejection('conflict', 'id'));
    await expect(final).rejects.toThrow('already approved');
    await expect(service.vote({ id: 'appr_nope', approver: 'a', verdict: 'approve', via: 'api' })).rejects.toEqual(
      rejection('not_found', 'id'),
    );
  });

  it('validates a request and names the field', async () => {
    const { service } = approvalHarness();
    await expect(service.request(approvalRequest({ quorum: 4 }))).rejects.toEqual(
      rejection('invalid_request', 'quorum'),
    );
    await expect(service.request(approvalRequest({ approvers: ['a', 'a'], quorum: 1 }))).rejects.toEqual(
      rejection('invalid_request', 'approvers'),
    );
    await expect(service.request(approvalRequest({ escalation: [['x', 'x']] }))).rejects.toEqual(
      rejection('invalid_request', 'escalation.0'),
    );
    await expect(service.request(approvalRequest({ summary: ' ' }))).rejects.toEqual(
      rejection('invalid_request', 'summary'),
    );
    await expect(service.request(approvalRequest({ callbackUrl: 'ftp://x' }))).rejects.toEqual(
      rejection('invalid_request', 'callbackUrl'),
    );
  });

  it('returns the pending approval when the same decision is asked about again, without notifying twice', async () => {
    const { service, notifier } = approvalHarness();
    const request = approvalRequest();
    const first = await service.request(request);
    expect(await service.request({ ...request, summary: 'retried' })).toEqual(first);
    expect(notifier.summary()).toEqual(['requested:a,b,c']);
    const otherTenant = await service.request({ ...request, tenant: 'org_2' });
    expect(otherTenant.id).not.toBe(first.id);
  });

  it('lists newest first, by state and by current approver', async () => {
    const { service, clock } = approvalHarness();
    const first = await service.request(approvalRequest({ approvers: ['a'], quorum: 1 }));
    clock.advance(1);
    const second = await service.request(approvalRequest({ approvers: ['b'], quorum: 1 }));
    await service.vote({ id: first.id, approver: 'a', verdict: 'approve', via: 'api' });
    expect((await service.list()).map((approval) => approval.id)).toEqual([second.id, first.id]);
    expect((await service.list({ state: 'pending' })).map((approval) => approval.id)).toEqual([second.id]);
    expect((await service.list({ approver: 'a' })).map((approval) => approval.id)).toEqual([first.id]);
    expect(await service.list({ limit: 1 })).toHaveLength(1);
  });
});

describe('ApprovalService: delegation', () => {
  it('lets the delegate vote and not the delegator, and tells the delegate', async () => {
    const { service, notifier } = approvalHarness();
    const filed = await service.request(approvalRequest());
    const delegated = await service.delegate({ id: filed.id, from: 'b', to: 'dana', by: 'b' });
    expect(delegated.approvers).toEqual(['a', 'dana', 'c']);
    expect(delegated.delegations).toEqual([
      { from: 'b', to: 'dana', by: 'b', at: '2026-03-02T09:00:00.000Z', stage: 0 },
    ]);
    await service.drain();
    expect(notifier.summary()).toEqual(['requested:a,b,c', 'delegated:dana']);

    const refused = service.vote({ id: filed.id, approver: 'b', verdict: 'approve', via: 'api' });
    await expect(refused).rejects.toEqual(rejection('permission_denied', 'approver'));
    await expect(refused).rejects.toThrow('delegated to "dana"');
    await service.vote({ id: filed.id, approver: 'dana', verdict: 'approve', via: 'api' });
    expect((await service.vote({ id: filed.id, approver: 'a', verdict: 'approve', via: 'api' })).state).toBe(
      'approved',
    );
  });

  it('refuses to delegate from a stranger, after voting, or to a current approver', async () => {
    const { service } = approvalHarness();
    const filed = await service.request(approvalRequest());
    await expect(service.delegate({ id: filed.id, from: 'zed', to: 'dana', by: 'zed' })).rejects.toEqual(
      rejection('permission_denied', 'from'),
    );
    await expect(service.delegate({ id: filed.id, from: 'a', to: 'c', by: 'a' })).rejects.toEqual(
      rejection('invalid_request', 'to'),
    );
    await service.vote({ id: filed.id, approver: 'a', verdict: 'approve', via: 'api' });
    await expect(service.delegate({ id: filed.id, from: 'a', to: 'dana', by: 'a' })).rejects.toEqual(
      rejection('conflict', 'from'),
    );
  });
});

describe('ApprovalService: the sweeper', () => {
  it('escalates a timed-out stage to the next group with a notification, then applies onTimeout after the last', async () => {
    const { service, notifier, outcomes, clock } = approvalHarness();
    const filed = await service.request(
      approvalRequest({ approvers: ['a', 'b'], escalation: [['lead'], ['cto', 'cfo']], onTimeout: 'deny' }),
    );
    await service.vote({ id: filed.id, approver: 'a', verdict: 'approve', via: 'api' });

    clock.advance(hour - 1);
    await service.sweep();
    expect((await service.get(filed.id))?.stage).toBe(0);

    clock.advance(1);
    await service.sweep();
    const escalated = await service.get(filed.id);
    expect(escalated).toMatchObject({
      state: 'pending',
      stage: 1,
      approvers: ['lead'],
      deadline: '2026-03-02T11:00:00.000Z',
    });
    // Votes of the earlier stage stay on the record; its approvers no longer vote.
    expect(escalated?.votes.map((vote) => [vote.approver, vote.stage])).toEqual([['a', 0]]);
    await expect(service.vote({ id: filed.id, approver: 'b', verdict: 'approve', via: 'api' })).rejects.toEqual(
      rejection('permission_denied', 'approver'),
    );

    clock.advance(hour);
    await service.sweep();
    expect(await service.get(filed.id)).toMatchObject({ stage: 2, approvers: ['cto', 'cfo'] });
    clock.advance(hour);
    await service.sweep();
    await service.sweep();
    await service.drain();

    const expired = await service.get(filed.id);
    expect(expired).toMatchObject({
      state: 'expired',
      stage: 2,
      outcomeReason: 'timed out',
      decidedAt: '2026-03-02T12:00:00.000Z',
    });
    expect(outcomes).toEqual([expired]);
    expect(notifier.summary()).toEqual(['requested:a,b', 'escalated:lead', 'escalated:cto,cfo', 'decided:']);
  });

  it('approves on the final timeout when onTimeout says so', async () => {
    const { service, clock, outcomes } = approvalHarness();
    const filed = await service.request(approvalRequest({ onTimeout: 'approve' }));
    clock.advance(hour);
    await service.sweep();
    expect(await service.get(filed.id)).toMatchObject({ state: 'approved', outcomeReason: 'timed out' });
    expect(outcomes).toHaveLength(1);
  });

  it('an escalation to one person lets that person decide alone', async () => {
    const { service, clock } = approvalHarness();
    const filed = await service.request(approvalRequest({ escalation: [['cto']] }));
    clock.advance(hour);
    await service.sweep();
    expect((await service.vote({ id: filed.id, approver: 'cto', verdict: 'approve', via: 'api' })).state).toBe(
      'approved',
    );
  });

  it('reminds the approvers who have not voted once per stage', async () => {
    const { service, notifier, clock } = approvalHarness({ remindAfterMs: 30 * minute });
    const filed = await service.request(approvalRequest({ escalation: [['lead']] }));
    expect(filed.remindAt).toBe('2026-03-02T09:30:00.000Z');
    await service.vote({ id: filed.id, approver: 'a', verdict: 'approve', via: 'api' });
    clock.advance(30 * minute - 1);
    await service.sweep();
    clock.advance(1);
    await service.sweep();
    clock.advance(15 * minute);
    await service.sweep();
    await service.drain();
    expect(notifier.summary()).toEqual(['requested:a,b,c', 'reminder:b,c']);
    expect((await service.get(filed.id))?.remindAt).toBeNull();

    clock.advance(15 * minute);
    await service.sweep();
    clock.advance(30 * minute);
    await service.sweep();
    await service.sweep();
    await service.drain();
    expect(notifier.summary()).toEqual(['requested:a,b,c', 'reminder:b,c', 'escalated:lead', 'reminder:lead']);
  });

  it('sends no reminder when the deadline comes first, and a request may ask for its own', async () => {
    const { service, notifier, clock } = approvalHarness({ remindAfterMs: 2 * hour });
    const filed = await service.request(approvalRequest());
    expect(filed.remindAt).toBeNull();
    const own = await service.request(approvalRequest({ remindAfterMs: 10 * minute }));
    clock.advance(10 * minute);
    await service.sweep();
    await service.drain();
    expect(notifier.sent.filter((sent) => sent.kind === 'reminder').map((sent) => sent.approval.id)).toEqual([own.id]);
  });

  it('calls a failing outcome hook again after the lease, and never once it succeeded', async () => {
    let failures = 1;
    const seen: string[] = [];
    const onError = (error: unknown) => seen.push(String(error));
    const { service, clock } = approvalHarness({
      outcomeLeaseMs: 5 * minute,
      onError,
      onOutcome: (approval) => {
        if (failures-- > 0) throw new Error('audit store down');
        seen.push(`recorded ${approval.state}`);
      },
    });
    const filed = await service.request(approvalRequest({ approvers: ['a'], quorum: 1 }));
    await service.vote({ id: filed.id, approver: 'a', verdict: 'approve', via: 'api' });
    await service.sweep();
    expect(seen).toEqual(['Error: audit store down']);
    clock.advance(5 * minute);
    await service.sweep();
    await service.sweep();
    expect(seen).toEqual(['Error: audit store down', 'recorded approved']);
  });

  it('sweeps on its timer, never two sweeps at once, and stops on close', async () => {
    let tick: (() => void) | undefined;
    let stopped = false;
    const timer = (sweep: () => void, intervalMs: number) => {
      expect(intervalMs).toBe(1000);
      tick = sweep;
      return () => (stopped = true);
    };
    const { service, clock, outcomes } = approvalHarness({ timer, sweepIntervalMs: 1000 });
    await service.request(approvalRequest());
    service.start();
    clock.advance(hour);
    tick?.();
    tick?.();
    await service.close();
    expect(stopped).toBe(true);
    expect(outcomes.map((outcome) => outcome.state)).toEqual(['expired']);
  });

  it('reports a failing notifier without failing the vote', async () => {
    const errors: unknown[] = [];
    const notifier = { notify: () => Promise.reject(new Error('webhook down')), callBack: () => Promise.resolve() };
    const { service } = approvalHarness({ notifier, onError: (error) => errors.push(error) });
    const filed = await service.request(approvalRequest({ approvers: ['a'], quorum: 1 }));
    expect((await service.vote({ id: filed.id, approver: 'a', verdict: 'approve', via: 'api' })).state).toBe(
      'approved',
    );
    await service.drain();
    expect(errors.map(String)).toEqual(['Error: webhook down', 'Error: webhook down']);
    expect(errors[0]).not.toBeInstanceOf(PodiumError);
  });
});
