/**
 * Approvals on PostgreSQL: the repository conformance suite, and two replicas (two pools, two services) acting on
 * one database at the same moment. Skipped with a message when the server is unreachable, unless
 * PODIUM_TEST_REQUIRE_SERVICES=1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Approval } from '../../../contract/index.js';
import { ApprovalService, type ApprovalNotification } from './index.js';
import { describeApprovalConformance } from './approval-conformance.test-suite.js';
import { openApprovalTestStore, type ApprovalTestStore } from './approval-test-store.test-suite.js';
import {
  adminStatement as admin,
  freshSchemaName,
  postgresTestUrl as url,
  reachPostgres,
} from '../../testkit/postgres-test-server.test-suite.js';

const unreachable = await reachPostgres('approval');

const hour = 3_600_000;

/** One replica: its own pool on the shared schema, its own service, what it sent and recorded. */
interface Replica {
  store: ApprovalTestStore;
  service: ApprovalService;
  sent: ApprovalNotification[];
  outcomes: Approval[];
}

describe.skipIf(unreachable !== undefined)('postgres', () => {
  // Two schemas: the conformance suite's rows would be due for the replicas' sweeps too.
  const [schema, conformanceSchema] = [freshSchemaName(), freshSchemaName()];
  let current = Date.parse('2026-03-02T09:00:00.000Z');
  const now = () => new Date(current);
  let replicas: Replica[] = [];
  let conformance: ApprovalTestStore;

  beforeAll(async () => {
    await admin(`CREATE SCHEMA ${schema}`);
    await admin(`CREATE SCHEMA ${conformanceSchema}`);
    conformance = await openApprovalTestStore({ url, schema: conformanceSchema });
    replicas = await Promise.all(
      [1, 2].map(async () => {
        const store = await openApprovalTestStore({ url, schema });
        const sent: ApprovalNotification[] = [];
        const outcomes: Approval[] = [];
        const notifier = {
          notify: (notification: ApprovalNotification) => Promise.resolve(void sent.push(notification)),
          callBack: () => Promise.resolve(),
        };
        const service = new ApprovalService({
          records: store.approvals,
          notifier,
          now,
          onOutcome: (approval) => void outcomes.push(approval),
        });
        return { store, service, sent, outcomes };
      }),
    );
  });
  afterAll(async () => {
    for (const replica of replicas) await replica.store.close();
    await conformance.close();
    await admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin(`DROP SCHEMA IF EXISTS ${conformanceSchema} CASCADE`);
  });

  describeApprovalConformance(() => conformance);

  it('two services sweeping concurrently remind, escalate and time out each approval exactly once', async () => {
    const [one, two] = replicas as [Replica, Replica];
    const base = {
      tenant: 'org_sweep',
      requester: 'key_agent',
      proposal: null,
      context: {},
      approvers: ['a'],
      quorum: 1,
      timeoutMs: hour,
    };
    const file = (index: number, fields: Record<string, unknown>) =>
      one.service.request({ ...base, decisionId: `dec_${index}`, summary: `approval ${index}`, ...fields });
    const reminded = await Promise.all(
      Array.from({ length: 20 }, (_, index) => file(index, { timeoutMs: 3 * hour, remindAfterMs: hour / 2 })),
    );
    const escalated = await Promise.all(
      Array.from({ length: 20 }, (_, index) => file(100 + index, { escalation: [['lead']] })),
    );
    const expired = await Promise.all(Array.from({ length: 20 }, (_, index) => file(200 + index, {})));
    await one.service.drain();
    one.sent.length = 0;

    current += hour;
    await Promise.all([one.service.sweep(), two.service.sweep(), one.service.sweep(), two.service.sweep()]);
    await Promise.all(replicas.map((replica) => replica.service.drain()));

    const sent = [...one.sent, ...two.sent];
    const idsOf = (kind: string) =>
      sent
        .filter((notification) => notification.kind === kind)
        .map((notification) => notification.approval.id)
        .sort();
    const sorted = (approvals: Approval[]) => approvals.map((approval) => approval.id).sort();
    expect(idsOf('reminder')).toEqual(sorted(reminded));
    expect(idsOf('escalated')).toEqual(sorted(escalated));
    expect(idsOf('decided')).toEqual(sorted(expired));
    expect(sorted([...one.outcomes, ...two.outcomes])).toEqual(sorted(expired));
    // Both replicas took part: the race was real.
    expect(one.sent.length).toBeGreaterThan(0);
    expect(two.sent.length).toBeGreaterThan(0);
    for (const approval of escalated)
      expect(await one.service.get(approval.id)).toMatchObject({ stage: 1, approvers: ['lead'] });
  });

  it('two approvers voting on different replicas at the same moment both count, and the outcome fires once', async () => {
    const [one, two] = replicas as [Replica, Replica];
    for (const replica of replicas) replica.outcomes.length = 0;
    const filed = await one.service.request({
      tenant: 'org_votes',
      decisionId: 'dec_votes',
      requester: 'key_agent',
      proposal: null,
      context: {},
      summary: 'both',
      approvers: ['a', 'b', 'c'],
      quorum: 2,
      timeoutMs: hour,
    });
    await Promise.all([
      one.service.vote({ id: filed.id, approver: 'a', verdict: 'approve', via: 'api' }),
      two.service.vote({ id: filed.id, approver: 'b', verdict: 'approve', via: 'api' }),
    ]);
    const final = await one.service.get(filed.id);
    expect(final).toMatchObject({ state: 'approved' });
    expect(final?.votes.map((vote) => vote.approver).sort()).toEqual(['a', 'b']);
    expect([...one.outcomes, ...two.outcomes]).toEqual([final]);
  });
});
