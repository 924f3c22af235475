import { PodiumError } from '../../../contract/index.js';
import type { ApprovalRecords, StoredApproval } from './approval-records.js';

interface Outcome {
  claimedAt: number | null;
  settled: boolean;
}

const earliestDue = (approval: StoredApproval): number =>
  Math.min(Date.parse(approval.deadline), approval.remindAt === null ? Infinity : Date.parse(approval.remindAt));

/**
 * Approvals in this process only, with the store's semantics (versioned replace, one claim per outcome): for
 * tests of the service and the routes, and for throwaway runs. Nothing survives a restart.
 */
export function createMemoryApprovalRecords(): ApprovalRecords {
  const rows = new Map<string, StoredApproval>();
  const outcomes = new Map<string, Outcome>();
  const copy = (approval: StoredApproval): StoredApproval => structuredClone(approval);
  const newestFirst = (a: StoredApproval, b: StoredApproval): number =>
    b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id);

  return {
    create(approval) {
      const pending = [...rows.values()].find(
        (row) => row.tenant === approval.tenant && row.decisionId === approval.decisionId && row.state === 'pending',
      );
      if (pending !== undefined) return Promise.resolve({ approval: copy(pending), created: false });
      if (rows.has(approval.id)) return Promise.reject(new PodiumError('conflict', `approval "${approval.id}" exists`));
      const stored = copy({ ...approval, version: 1 });
      rows.set(stored.id, stored);
      outcomes.set(stored.id, { claimedAt: null, settled: false });
      return Promise.resolve({ approval: copy(stored), created: true });
    },

    get(id) {
      const row = rows.get(id);
      return Promise.resolve(row && copy(row));
    },

    list(filter) {
      const matching = [...rows.values()]
        .filter(
          (row) =>
            (filter.state === undefined || row.state === filter.state) &&
            (filter.approver === undefined || row.approvers.includes(filter.approver)),
        )
        .sort(newestFirst);
      return Promise.resolve(matching.slice(0, filter.limit).map(copy));
    },

    replace(next) {
      const current = rows.get(next.id);
      if (current === undefined || current.version !== next.version) return Promise.resolve(undefined);
      const stored = copy({ ...next, version: next.version + 1 });
      rows.set(next.id, stored);
      return Promise.resolve(copy(stored));
    },

    due({ now, limit }) {
      const due = [...rows.values()].filter((row) => row.state === 'pending' && earliestDue(row) <= now.getTime());
      return Promise.resolve(
        due
          .sort((a, b) => earliestDue(a) - earliestDue(b))
          .slice(0, limit)
          .map(copy),
      );
    },

    claimOutcome({ id, now, staleBefore }) {
      const row = rows.get(id);
      const outcome = outcomes.get(id);
      if (row === undefined || outcome === undefined || row.state === 'pending' || outcome.settled)
        return Promise.resolve(undefined);
      if (outcome.claimedAt !== null && outcome.claimedAt > staleBefore.getTime()) return Promise.resolve(undefined);
      outcome.claimedAt = now.getTime();
      return Promise.resolve(copy(row));
    },

    unsettled({ staleBefore, limit }) {
      const ids = [...rows.values()]
        .filter((row) => {
          const outcome = outcomes.get(row.id);
          return (
            row.state !== 'pending' &&
            outcome !== undefined &&
            !outcome.settled &&
            (outcome.claimedAt === null || outcome.claimedAt <= staleBefore.getTime())
          );
        })
        .map((row) => row.id);
      return Promise.resolve(ids.slice(0, limit));
    },

    settleOutcome({ id }) {
      const outcome = outcomes.get(id);
      if (outcome !== undefined) outcome.settled = true;
      return Promise.resolve();
    },
  };
}
