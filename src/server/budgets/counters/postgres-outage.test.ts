import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PodiumError } from '../../../contract/index.js';
import { openPostgresClient, type SqlClient } from '../../store/index.js';
import { openTestDatabase, postgresBinDir, startPrivatePostgres, type PrivatePostgres } from '../../testkit/index.js';
import type { BudgetCounters } from '../budget-counters.js';
import { withFailPolicy, type FailMode, type FailPolicyEvent } from './fail-policy-counters.js';
import { createPostgresCounters } from './postgres-counters.js';

/**
 * The batched PostgreSQL counters through the fail policy while their database goes away mid-load and
 * comes back: a batch in its transaction when the server stops fails whole, and every operation of it is
 * then the fail policy's, exactly as an operation on its own was. Each call reserves 10 units and settles
 * to 7, so a counter that ends at exactly 7 × (calls that went through) shows nothing was lost and nothing
 * counted twice. A private server (the shared one is never stopped).
 */

const required = process.env.PODIUM_TEST_REQUIRE_SERVICES === '1';
const canRun = (await postgresBinDir()) !== undefined;
if (!canRun && required)
  throw new Error('no PostgreSQL server binaries under /usr/lib/postgresql, and PODIUM_TEST_REQUIRE_SERVICES=1');
if (!canRun)
  console.warn('SKIPPING the PostgreSQL counter outage test: no PostgreSQL server binaries under /usr/lib/postgresql.');

interface Load {
  stop: boolean;
  started: number;
  done: number;
  admitted: number;
  refused: number;
  unexpected: unknown[];
}

async function worker(counters: BudgetCounters, load: Load, key: string): Promise<void> {
  while (!load.stop) {
    const call = (load.started += 1);
    try {
      const outcome = await counters.reserve(`${key}-${call}:reserve`, [{ key, amount: 10, limit: 1_000_000_000 }]);
      if (outcome.ok) {
        load.admitted += 1;
        await counters.adjust(`${key}-${call}:settle`, [{ key, amount: -3 }]);
      }
    } catch (error) {
      if (error instanceof PodiumError && error.status === 503) load.refused += 1;
      else load.unexpected.push(error);
    }
    load.done += 1;
    // Calls refused by an open circuit settle without I/O; yield so timers and reconnects still run.
    await yieldToEventLoop();
  }
}

async function until(predicate: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe.skipIf(!canRun)('postgres counters: the database stops mid-load', () => {
  let database: PrivatePostgres;
  let sql: SqlClient;
  beforeAll(async () => {
    database = await startPrivatePostgres();
    const store = await openTestDatabase({ databaseUrl: database.url });
    await store.close();
    sql = openPostgresClient({ url: database.url, connectTimeoutMs: 500 });
  }, 60_000);
  afterAll(async () => {
    await sql?.close();
    await database?.close();
  });

  const stopMidLoad = async (
    mode: FailMode,
  ): Promise<{ load: Load; events: FailPolicyEvent[]; counters: ReturnType<typeof withFailPolicy> }> => {
    const events: FailPolicyEvent[] = [];
    const counters = withFailPolicy(createPostgresCounters(sql), {
      mode,
      onTrigger: (event) => events.push(event),
      probeIntervalMs: 50,
      maxQueued: 5_000_000,
    });
    const load: Load = { stop: false, started: 0, done: 0, admitted: 0, refused: 0, unexpected: [] };
    const workers = Array.from({ length: 50 }, () => worker(counters, load, mode));
    try {
      await until(() => load.done >= 500, 'load before the stop');
      await database.stop();
      const stoppedAt = load.done;
      await until(() => !counters.health().healthy && load.done >= stoppedAt + 500, 'load during the outage');
      await database.start();
      const restartedAt = load.done;
      await until(() => counters.health().healthy && load.done >= restartedAt + 500, 'recovery under load');
    } finally {
      load.stop = true;
      await Promise.all(workers);
    }
    expect(await counters.flush()).toBe(true);
    return { load, events, counters };
  };

  it('fail-closed refuses with 503 during the outage and counts every admitted call exactly once', async () => {
    const { load, events, counters } = await stopMidLoad('closed');
    expect(load.unexpected).toEqual([]);
    expect(load.refused).toBeGreaterThan(0);
    expect(load.admitted + load.refused).toBe(load.done);
    expect(events.map((event) => event.state)).toEqual(['failing', 'recovered']);
    // Refused calls whose batch committed before the stop are taken back by the replayed cancels.
    expect(await counters.read(['closed'])).toEqual([7 * load.admitted]);
    expect(counters.health()).toEqual({ healthy: true, queued: 0, dropped: 0 });
  }, 120_000);

  it('fail-open admits everything during the outage and replays it exactly once', async () => {
    const { load, events, counters } = await stopMidLoad('open');
    expect(load.unexpected).toEqual([]);
    expect(load.refused).toBe(0);
    expect(events.map((event) => event.state)).toEqual(['failing', 'recovered']);
    expect(await counters.read(['open'])).toEqual([7 * load.done]);
  }, 120_000);
});
