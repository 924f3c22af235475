import { describe, expect, it } from 'vitest';
import type { Approval } from '../../../contract/index.js';
import { abortableSleep, waitForApproval } from './wait-for-approval.js';

const pending = (deadline: string): Approval =>
  ({ id: 'appr_12345678', state: 'pending', deadline }) as unknown as Approval;

describe('waiting for an approval', () => {
  it('polls with a growing, bounded interval until it is decided', async () => {
    const states: Approval['state'][] = ['pending', 'pending', 'pending', 'approved'];
    const waits: number[] = [];
    const wait = waitForApproval({
      approvals: {
        get: () => Promise.resolve({ ...pending('2026-12-01T13:00:00Z'), state: states.shift() ?? 'approved' }),
      },
      now: () => new Date('2026-12-01T12:00:00Z'),
      sleep: (ms) => (waits.push(ms), Promise.resolve()),
      minIntervalMs: 100,
      maxIntervalMs: 300,
    });
    expect(await wait('appr_12345678', new AbortController().signal)).toBe('approved');
    expect(waits).toEqual([100, 200, 300]);
  });

  it('ends at the deadline as expired, never sleeping past it', async () => {
    let now = Date.parse('2026-12-01T12:00:00Z');
    const waits: number[] = [];
    const wait = waitForApproval({
      approvals: { get: () => Promise.resolve(pending('2026-12-01T12:00:01Z')) },
      now: () => new Date(now),
      sleep: (ms) => {
        waits.push(ms);
        now += ms;
        return Promise.resolve();
      },
      minIntervalMs: 800,
    });
    expect(await wait('appr_12345678', new AbortController().signal)).toBe('expired');
    expect(waits).toEqual([800, 200]);
  });

  it('stops when the caller goes away, and refuses an unknown approval', async () => {
    const controller = new AbortController();
    const sleeping = abortableSleep(60_000, controller.signal);
    controller.abort(new Error('gone'));
    await expect(sleeping).rejects.toThrow('gone');
    const wait = waitForApproval({
      approvals: { get: () => Promise.resolve(undefined) },
      now: () => new Date(),
      sleep: abortableSleep,
    });
    await expect(wait('appr_missing1', new AbortController().signal)).rejects.toMatchObject({ code: 'not_found' });
  });
});
