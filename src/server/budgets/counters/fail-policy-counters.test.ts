import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { PodiumError } from '../../../contract/index.js';
import type { BudgetCounters } from '../budget-counters.js';
import {
  freePort,
  skipUnlessRedisServerRuns,
  startRedisChild,
  type RedisChild,
} from './counter-services.test-suite.js';
import { withFailPolicy, type FailPolicyEvent } from './fail-policy-counters.js';
import { createRedisCounters, type RedisCounters } from './redis-counters.js';

/**
 * The fail policy's bookkeeping, against a real Redis that is absent, paused or started on cue. A fake
 * clock drives the probe interval; Redis itself runs in real time.
 */

// Is redis-server runnable at all? Probe by starting one; the skip rule applies as for a shared service.
const skip = await skipUnlessRedisServerRuns(process.env.PODIUM_TEST_REQUIRE_SERVICES === '1');

/** Records which operations reach the store, in order: the policy's probe and replay are observable. */
function recording(inner: BudgetCounters, log: string[]): BudgetCounters {
  return {
    kind: inner.kind,
    reserve: (operationId, debits) => (log.push(`reserve ${operationId}`), inner.reserve(operationId, debits)),
    adjust: (operationId, deltas) => (log.push(`adjust ${operationId}`), inner.adjust(operationId, deltas)),
    read: (keys) => inner.read(keys),
    seed: (values) => inner.seed(values),
    close: () => inner.close(),
  };
}

const limited = (key: string, amount: number) => [{ key, amount, limit: 1_000_000 }];

describe.skipIf(skip)('fail policy', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  const redisAt = (port: number, commandTimeoutMs = 500): RedisCounters => {
    const counters = createRedisCounters({ url: `redis://127.0.0.1:${port}`, connectTimeoutMs: 200, commandTimeoutMs });
    cleanups.push(() => counters.close());
    return counters;
  };
  const child = async (port?: number): Promise<RedisChild> => {
    const started = await startRedisChild({ port });
    cleanups.push(() => started.dispose());
    return started;
  };

  it('fires once per outage, probes once per interval, bounds the queue, and replays it in order on recovery', async () => {
    const port = await freePort();
    const inner = redisAt(port);
    const log: string[] = [];
    const events: FailPolicyEvent[] = [];
    let clock = 10_000;
    const counters = withFailPolicy(recording(inner, log), {
      mode: 'open',
      onTrigger: (event) => events.push(event),
      now: () => clock,
      probeIntervalMs: 1_000,
      maxQueued: 5,
    });

    // Nothing listens: ten concurrent calls all try, all fail, and are all admitted; one event.
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, (_, index) => counters.reserve(`r${index}`, limited('k', 1))),
    );
    expect(outcomes).toEqual(Array.from({ length: 10 }, () => ({ ok: true })));
    expect(events.map((event) => event.state)).toEqual(['failing']);
    expect(events[0]).toMatchObject({ state: 'failing', mode: 'open' });
    expect((events[0] as { error: unknown }).error).toBeInstanceOf(Error);
    expect(counters.health()).toEqual({ healthy: false, queued: 5, dropped: 5 });

    // Within the probe interval calls never reach the store.
    log.length = 0;
    await counters.adjust('a0', [{ key: 'k', amount: -1 }]);
    expect(log).toEqual([]);
    expect(counters.health()).toMatchObject({ queued: 5, dropped: 6 });

    // The probe: one call replays the queue (one batch, in order), fails, and the outage goes on quietly.
    clock += 1_000;
    await counters.reserve('r10', limited('k', 1));
    expect(log).toEqual(['reserve r0', 'reserve r1', 'reserve r2', 'reserve r3', 'reserve r4']);
    expect(events).toHaveLength(1);

    const redis = await child(port);
    await inner.ready(3_000);
    clock += 1_000;
    log.length = 0;
    expect(await counters.reserve('r11', limited('k', 1))).toEqual({ ok: true });
    // Replayed first, in order, with their own ids; then the new call.
    expect(log).toEqual(['reserve r0', 'reserve r1', 'reserve r2', 'reserve r3', 'reserve r4', 'reserve r11']);
    expect(events.map((event) => event.state)).toEqual(['failing', 'recovered']);
    expect(events[1]).toEqual({ state: 'recovered', mode: 'open', outageMs: 2_000, replayed: 5, dropped: 7 });
    expect(counters.health()).toEqual({ healthy: true, queued: 0, dropped: 7 });
    expect(await counters.read(['k'])).toEqual([6]);
    expect(redis.port).toBe(port);
  });

  it('fail-closed refuses with a 503, still queues settlements, and reads fail loudly', async () => {
    const counters = withFailPolicy(redisAt(await freePort()), { mode: 'closed', now: () => 0 });
    const refusal = await counters.reserve('r', limited('k', 1)).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(PodiumError);
    expect(refusal).toMatchObject({ code: 'upstream_unavailable', status: 503, isRetryable: true });
    expect((refusal as PodiumError).message).toBe(
      'budget counters unavailable (redis): calls are refused (fail-closed)',
    );
    await counters.adjust('settle', [{ key: 'k', amount: -1 }]);
    await expect(counters.read(['k'])).rejects.toMatchObject({ code: 'upstream_unavailable' });
    // The attempted reserve is queued as a cancel (it may have landed), the settlement as itself.
    expect(counters.health()).toEqual({ healthy: false, queued: 2, dropped: 0 });
  });

  it('passes our own errors through without calling it an outage', async () => {
    const redis = await child();
    const inner = redisAt(redis.port);
    await inner.ready();
    const events: FailPolicyEvent[] = [];
    const counters = withFailPolicy(inner, { mode: 'closed', onTrigger: (event) => events.push(event) });
    await expect(counters.reserve('bad', [{ key: 'k', amount: 0.5 }])).rejects.toMatchObject({
      code: 'internal_error',
    });
    expect(events).toEqual([]);
    expect(counters.health().healthy).toBe(true);
  });

  describe('when a reply is lost (Redis paused past the command timeout, the script runs afterwards)', () => {
    const pausedCall = async (mode: 'open' | 'closed') => {
      const redis = await child();
      const inner = redisAt(redis.port, 100);
      await inner.ready();
      let clock = 0;
      const counters = withFailPolicy(inner, { mode, now: () => clock, probeIntervalMs: 1_000 });
      const admin = createRedisCounters({ url: redis.url });
      cleanups.push(() => admin.close());
      await admin.ready();
      // Load the script first: a paused EVALSHA of an unknown script would time out before its NOSCRIPT reply.
      await counters.reserve('warm-up', limited('warm-up', 1));
      const pauser = new Redis(redis.url);
      cleanups.push(() => Promise.resolve(pauser.disconnect()));
      await pauser.call('CLIENT', 'PAUSE', '400', 'WRITE');
      const result = await counters.reserve('call-1:reserve', limited('k', 10)).catch((error: unknown) => error);
      // The script was only delayed: it lands once the pause ends.
      for (let attempt = 0; attempt < 100 && (await admin.read(['k']))[0] !== 10; attempt += 1)
        await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await admin.read(['k'])).toEqual([10]);
      clock += 1_000;
      return { counters, admin, result };
    };

    it('fail-closed takes back a refused call whose reserve landed anyway', async () => {
      const { counters, admin, result } = await pausedCall('closed');
      expect(result).toMatchObject({ code: 'upstream_unavailable', status: 503 });
      expect(await counters.flush()).toBe(true);
      expect(await admin.read(['k'])).toEqual([0]);
      // Replaying the cancel again changes nothing.
      expect(await counters.flush()).toBe(true);
      expect(await admin.read(['k'])).toEqual([0]);
    });

    it('fail-open counts an admitted call whose reserve landed anyway exactly once', async () => {
      const { counters, admin, result } = await pausedCall('open');
      expect(result).toEqual({ ok: true });
      expect(counters.health().queued).toBe(1);
      await counters.adjust('call-1:settle', [{ key: 'k', amount: -3 }]);
      expect(await counters.flush()).toBe(true);
      expect(await admin.read(['k'])).toEqual([7]);
      expect(counters.health()).toEqual({ healthy: true, queued: 0, dropped: 0 });
    });
  });
});
