/**
 * Approvals survive restarts: created by one process's store and service, decided (and swept) by the next one on
 * the same data directory (its embedded PostgreSQL), with the signed link issued before the restart still valid after it.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { Approval } from '../../../contract/index.js';
import { ApprovalService, createApprovalLinks } from './index.js';
import { createServerSecret } from '../../secrets/index.js';
import { openApprovalTestStore, type ApprovalTestStore } from './approval-test-store.test-suite.js';

// 0711: as root, the embedded server runs as `postgres`, which must pass through (mkdtemp makes 0700).
const parent = mkdtemp(join(tmpdir(), 'podium-approvals-')).then(async (dir) => {
  await chmod(dir, 0o711);
  return dir;
});
afterAll(async () => {
  await rm(await parent, { recursive: true, force: true });
});

const hour = 3_600_000;
let current = Date.parse('2026-03-02T09:00:00.000Z');
const now = () => new Date(current);

/** The server secret both processes are given (PODIUM_SECRET_KEY): the same on every start. */
const serverSecret = 'restart-test-secret-0123456789abcdef0123456789';

/** What one process builds at start: the service over the store, links keyed from the server secret. */
function boot(store: ApprovalTestStore, outcomes: Approval[]) {
  const secret = createServerSecret({ material: Buffer.from(serverSecret), source: 'test' }).derive('approval-links');
  const links = createApprovalLinks({ secret, publicUrl: 'https://podium.example.com', ttlMs: 24 * hour, now });
  const service = new ApprovalService({
    records: store.approvals,
    now,
    onOutcome: (approval) => void outcomes.push(approval),
  });
  return { secret, links, service };
}

it('an approval filed before a restart is approved after it, through a link signed before it, and its outcome hook fires once', async () => {
  const dataDir = join(await parent, 'data');
  const before: Approval[] = [];
  const first = await openApprovalTestStore({ dataDir });
  const { secret, links, service } = boot(first, before);
  const request = {
    tenant: 'org_1',
    requester: 'key_agent',
    proposal: { drop: 'staging' },
    context: {},
    timeoutMs: hour,
    onTimeout: 'deny' as const,
  };
  const voted = await service.request({
    ...request,
    decisionId: 'dec_1',
    summary: 'Drop staging',
    approvers: ['a', 'b'],
    quorum: 2,
  });
  const waiting = await service.request({
    ...request,
    decisionId: 'dec_2',
    summary: 'Rotate keys',
    approvers: ['a'],
    quorum: 1,
    escalation: [['lead']],
  });
  await service.vote({ id: voted.id, approver: 'a', verdict: 'approve', via: 'api' });
  const link = new URL(links.url({ id: voted.id, verdict: 'approve', approver: 'b' }) ?? '');
  await service.close();
  await first.close();

  current += 30 * 60_000;
  const after: Approval[] = [];
  const second = await openApprovalTestStore({ dataDir });
  try {
    const restarted = boot(second, after);
    expect(restarted.secret).toEqual(secret);
    const query = Object.fromEntries(link.searchParams);
    restarted.links.verify({
      id: voted.id,
      verdict: 'approve',
      approver: 'b',
      expires: Number(query.expires),
      signature: query.signature ?? '',
    });
    const approved = await restarted.service.vote({ id: voted.id, approver: 'b', verdict: 'approve', via: 'link' });
    expect(approved).toMatchObject({
      state: 'approved',
      votes: [
        { approver: 'a', via: 'api' },
        { approver: 'b', via: 'link' },
      ],
    });
    expect(after).toEqual([approved]);

    // The other one's deadline is still in the store: the new process's sweeper escalates it on time.
    current += 30 * 60_000;
    await restarted.service.sweep();
    expect(await restarted.service.get(waiting.id)).toMatchObject({ state: 'pending', stage: 1, approvers: ['lead'] });
    await restarted.service.sweep();
    expect(after).toHaveLength(1);
    expect(before).toEqual([]);
    await restarted.service.close();
  } finally {
    await second.close();
  }
});
