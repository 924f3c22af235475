import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ApprovalRecords, StoredApproval } from './approval-records.js';

export type ApprovalStoreAccessor = () => { approvals: ApprovalRecords };

const unique = (label: string): string => `${label}_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
const at = (minutes: number): string => new Date(Date.UTC(2026, 2, 2, 9, minutes)).toISOString();

/** A pending approval created at 09:00 with a deadline at 10:00 and a reminder at 09:30. */
export const newApproval = (fields: Partial<StoredApproval> = {}): Omit<StoredApproval, 'version'> => ({
  id: unique('appr'),
  decisionId: unique('dec'),
  tenant: 'org_conformance',
  requester: 'key_agent',
  summary: 'Refund 420 EUR',
  proposal: { action: 'refund', amount: 420, lines: [1, 2] },
  context: { ticket: 'T-1', nested: { ok: true } },
  state: 'pending',
  stage: 0,
  approvers: ['a', 'b', 'c'],
  quorum: 2,
  escalation: [['lead'], ['cto', 'cfo']],
  votes: [],
  delegations: [],
  timeoutMs: 3_600_000,
  remindAfterMs: 1_800_000,
  onTimeout: 'deny',
  deadline: at(60),
  remindAt: at(30),
  createdAt: at(0),
  decidedAt: null,
  outcomeReason: null,
  callbackUrl: 'http://127.0.0.1:9/callback?token=s3cret',
  ...fields,
});

/** The approval repository's behaviour, the same on every driver. */
export function describeApprovalConformance(store: ApprovalStoreAccessor): void {
  const approvals = () => store().approvals;

  describe('approvals', () => {
    it('creates a pending approval at version 1 and reads back every field', async () => {
      const approval = newApproval();
      const { approval: created, created: isNew } = await approvals().create(approval);
      expect(isNew).toBe(true);
      expect(created).toEqual({ ...approval, version: 1 });
      expect(await approvals().get(approval.id)).toEqual(created);
      expect(await approvals().get('appr_missing')).toBeUndefined();
      const bare = newApproval({
        proposal: null,
        context: {},
        escalation: [],
        remindAfterMs: null,
        remindAt: null,
        callbackUrl: null,
      });
      expect((await approvals().create(bare)).approval).toEqual({ ...bare, version: 1 });
    });

    it('keeps one pending approval per tenant and decision: asking again returns it', async () => {
      const first = newApproval();
      await approvals().create(first);
      const again = await approvals().create({ ...first, id: unique('appr'), summary: 'retried' });
      expect(again).toEqual({ approval: { ...first, version: 1 }, created: false });
      expect((await approvals().create({ ...first, id: unique('appr'), tenant: 'org_other' })).created).toBe(true);
      // Once decided, the decision may be asked about again.
      await approvals().replace({
        ...first,
        version: 1,
        state: 'denied',
        decidedAt: at(5),
        outcomeReason: 'denied by a',
      });
      const next = { ...first, id: unique('appr') };
      expect(await approvals().create(next)).toEqual({ approval: { ...next, version: 1 }, created: true });
    });

    it('replaces the mutable fields only at the current version', async () => {
      const approval = newApproval();
      const { approval: created } = await approvals().create(approval);
      const vote = {
        approver: 'a',
        verdict: 'approve' as const,
        comment: 'fine',
        via: 'link' as const,
        at: at(1),
        stage: 0,
      };
      const delegation = { from: 'b', to: 'dana', by: 'b', at: at(2), stage: 0 };
      const changed = {
        ...created,
        votes: [vote],
        delegations: [delegation],
        approvers: ['a', 'dana', 'c'],
        stage: 1,
        deadline: at(90),
        remindAt: null,
      };
      const saved = await approvals().replace(changed);
      expect(saved).toEqual({ ...changed, version: 2 });
      expect(await approvals().replace({ ...changed, state: 'approved' })).toBeUndefined();
      expect(await approvals().get(approval.id)).toEqual(saved);
      expect(await approvals().replace({ ...changed, id: 'appr_missing' })).toBeUndefined();
    });

    it('lets exactly one of two concurrent replaces of one version win', async () => {
      const { approval: created } = await approvals().create(newApproval());
      const results = await Promise.all([
        approvals().replace({ ...created, state: 'approved', decidedAt: at(3), outcomeReason: 'quorum reached' }),
        approvals().replace({ ...created, state: 'denied', decidedAt: at(3), outcomeReason: 'denied by b' }),
      ]);
      expect(results.filter((result) => result !== undefined)).toHaveLength(1);
      expect((await approvals().get(created.id))?.version).toBe(2);
    });

    it('lists newest first, by state, by current approver, up to the limit', async () => {
      const approver = unique('who');
      const older = newApproval({ approvers: [approver, 'x'], createdAt: at(1) });
      const newer = newApproval({ approvers: ['x', approver], createdAt: at(2) });
      const decided = newApproval({
        approvers: [approver],
        createdAt: at(3),
        state: 'approved',
        decidedAt: at(3),
        outcomeReason: 'quorum reached',
      });
      for (const approval of [older, newer, decided]) await approvals().create(approval);
      const ids = (approvals: StoredApproval[]) => approvals.map((approval) => approval.id);
      expect(ids(await approvals().list({ approver, limit: 10 }))).toEqual([decided.id, newer.id, older.id]);
      expect(ids(await approvals().list({ approver, state: 'pending', limit: 10 }))).toEqual([newer.id, older.id]);
      expect(ids(await approvals().list({ approver, limit: 1 }))).toEqual([decided.id]);
      expect(await approvals().list({ approver: unique('nobody'), limit: 10 })).toEqual([]);
    });

    it('finds pending approvals whose deadline or reminder is due, soonest first', async () => {
      const tenant = unique('org');
      const reminder = newApproval({ tenant, remindAt: at(30), deadline: at(60) });
      const deadline = newApproval({ tenant, remindAt: null, deadline: at(20) });
      const later = newApproval({ tenant, remindAt: at(50), deadline: at(70) });
      const decided = newApproval({
        tenant,
        deadline: at(10),
        state: 'expired',
        decidedAt: at(10),
        outcomeReason: 'timed out',
      });
      for (const approval of [reminder, deadline, later, decided]) await approvals().create(approval);
      const due = (await approvals().due({ now: new Date(at(30)), limit: 1000 })).filter(
        (approval) => approval.tenant === tenant,
      );
      expect(due.map((approval) => approval.id)).toEqual([deadline.id, reminder.id]);
      expect(
        (await approvals().due({ now: new Date(at(29)), limit: 1000 })).map((approval) => approval.id),
      ).not.toContain(reminder.id);
    });

    it('lets an outcome be claimed once, again only after the claim went stale, and never after it is settled', async () => {
      const pending = newApproval();
      await approvals().create(pending);
      const claim = (minutes: number, staleMinutes: number) =>
        approvals().claimOutcome({
          id: pending.id,
          now: new Date(at(minutes)),
          staleBefore: new Date(at(staleMinutes)),
        });
      expect(await claim(5, 0)).toBeUndefined();

      const { approval: created } = await approvals().create(newApproval({ id: unique('appr') }));
      const final = await approvals().replace({
        ...created,
        state: 'approved',
        decidedAt: at(4),
        outcomeReason: 'quorum reached',
      });
      const claimFinal = (minutes: number, staleMinutes: number) =>
        approvals().claimOutcome({
          id: created.id,
          now: new Date(at(minutes)),
          staleBefore: new Date(at(staleMinutes)),
        });
      const staleIds = async (minutes: number) =>
        (await approvals().unsettled({ staleBefore: new Date(at(minutes)), limit: 1000 })).filter(
          (id) => id === created.id,
        );

      expect(await staleIds(0)).toEqual([created.id]);
      expect(await claimFinal(5, 0)).toEqual(final);
      expect(await claimFinal(6, 0)).toBeUndefined();
      expect(await staleIds(4)).toEqual([]);
      expect(await staleIds(5)).toEqual([created.id]);
      expect(await claimFinal(11, 5)).toEqual(final);
      await approvals().settleOutcome({ id: created.id, at: new Date(at(12)) });
      expect(await claimFinal(30, 29)).toBeUndefined();
      expect(await staleIds(59)).toEqual([]);
    });
  });
}
