import { createServer } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RequestRecord } from '../contract/index.js';
import { createTestContext, type TestContext } from './cli-test-context.test-suite.js';
import { requestRecord, startFakeAdminApi, type FakeAdminApi } from './fake-admin-api.test-suite.js';
import { runCli } from './run-cli.js';

let api: FakeAdminApi;
beforeEach(async () => {
  api = await startFakeAdminApi(createServer);
  api.teams.push({ id: 'team_1', orgId: 'org_1', name: 'platform', createdAt: '2025-06-01T12:00:00.000Z' });
});
afterEach(() => api.close());

const at = (seconds: number) => new Date(Date.UTC(2025, 5, 1, 12, 0, seconds)).toISOString();

async function run(context: TestContext, ...argv: string[]) {
  const exitCode = await runCli({ ...context, argv });
  return { exitCode, stdout: context.stdout.text, stderr: context.stderr.text };
}

describe('podium requests list', () => {
  it('passes every filter through and prints one line per call, newest first', async () => {
    api.records.push(
      requestRecord({ id: 'req_1', at: at(1) }),
      requestRecord({
        id: 'req_2',
        at: at(2),
        status: 429,
        errorCode: 'rate_limited',
        servedModel: null,
        costUsd: null,
        inputTokens: 0,
        outputTokens: 0,
        latencyMs: 3,
      }),
    );
    const args = [
      '--team',
      'platform',
      '--key',
      'key_1',
      '--model',
      'gpt-4o-mini',
      '--since',
      at(0),
      '--until',
      at(9),
      '--limit',
      '5',
    ];

    const result = await run(createTestContext({ url: api.url }), 'requests', 'list', ...args);

    expect(api.calls[0]).toMatchObject({
      method: 'GET',
      path: '/api/v1/requests',
      query: { team: 'platform', key: 'key_1', model: 'gpt-4o-mini', since: at(0), until: at(9), limit: '5' },
    });
    expect(result).toEqual({
      exitCode: 0,
      stdout:
        '2025-06-01 12:00:02  429  platform  gpt-4o-mini→-  in 0 out 0  -  3ms  rate_limited\n' +
        '2025-06-01 12:00:01  200  platform  gpt-4o-mini→gpt-4o-mini-2024-07-18  in 1200 out 80  $0.000420  812ms\n',
      stderr: '',
    });
  });

  it('marks unpriced successful calls, warns on stderr and points at the next page', async () => {
    api.records.push(
      requestRecord({ id: 'req_1', at: at(1), costUsd: null, requestedModel: 'llama', servedModel: 'llama3' }),
      requestRecord({ id: 'req_2', at: at(2) }),
    );

    const result = await run(createTestContext({ url: api.url }), 'requests', 'list', '--limit', '1', '--cursor', '1');

    expect(api.calls[0]?.query).toEqual({ limit: '1', cursor: '1' });
    expect(result.stdout).toBe('2025-06-01 12:00:01  200  platform  llama→llama3  in 1200 out 80  UNPRICED  812ms\n');
    expect(result.stderr).toBe('warning: 1 UNPRICED call(s): give their models a price in podium.yaml\n');
    expect((await run(createTestContext({ url: api.url }), 'requests', 'list', '--limit', '1')).stderr).toBe(
      'more: repeat with --cursor 1\n',
    );
  });

  it('marks estimated usage and sanitized records', async () => {
    api.records.push(
      requestRecord({ id: 'req_1', at: at(1), usageEstimated: true }),
      requestRecord({ id: 'req_2', at: at(2), sanitized: true }),
    );

    const result = await run(createTestContext({ url: api.url }), 'requests', 'list');

    expect(result.stdout).toBe(
      '2025-06-01 12:00:02  200  platform  gpt-4o-mini→gpt-4o-mini-2024-07-18  in 1200 out 80  $0.000420  812ms  SANITIZED\n' +
        '2025-06-01 12:00:01  200  platform  gpt-4o-mini→gpt-4o-mini-2024-07-18  in 1200 out 80  $0.000420  812ms  ESTIMATED\n',
    );
  });

  it('colours unpriced lines yellow only on a terminal, and not with NO_COLOR', async () => {
    api.records.push(requestRecord({ id: 'req_1', at: at(1), costUsd: null }));

    const tty = await run(createTestContext({ url: api.url, isTTY: true }), 'requests', 'list');
    const noColor = await run(
      createTestContext({ url: api.url, isTTY: true, env: { NO_COLOR: '1' } }),
      'requests',
      'list',
    );

    expect(tty.stdout).toBe(
      '\u001b[33m2025-06-01 12:00:01  200  platform  gpt-4o-mini→gpt-4o-mini-2024-07-18  in 1200 out 80  UNPRICED  812ms\u001b[0m\n',
    );
    expect(noColor.stdout).not.toContain('\u001b[');
  });

  it('prints the page as JSON with --json', async () => {
    api.records.push(requestRecord({ id: 'req_1', at: at(1) }));

    const result = await run(createTestContext({ url: api.url }), 'requests', 'list', '--json');

    expect(JSON.parse(result.stdout)).toEqual({ data: api.records, nextCursor: null });
  });

  it('rejects a malformed --since or --limit before calling', async () => {
    const since = await run(createTestContext({ url: api.url }), 'requests', 'list', '--since', 'yesterday');
    const limit = await run(createTestContext({ url: api.url }), 'requests', 'list', '--limit', '0');

    expect(since.exitCode).toBe(2);
    expect(since.stderr).toMatch(/^error: --since: Invalid ISO datetime\n/);
    expect(limit.stderr).toMatch(/^error: --limit: Too small/);
    expect(api.calls).toEqual([]);
  });
});

describe('podium requests tail', () => {
  /** A context whose sleeps run `steps` in order, one per poll gap, and abort after the last. */
  function tailContext(steps: (() => void)[], options: { isTTY?: boolean } = {}) {
    const context = createTestContext({ url: api.url, ...options });
    const sleeps: number[] = [];
    context.sleep = (ms) => {
      sleeps.push(ms);
      const step = steps.shift();
      if (step === undefined) context.abort();
      else step();
      return Promise.resolve();
    };
    return { context, sleeps };
  }

  const idsOf = (stdout: string) =>
    stdout
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as RequestRecord).id);

  it('prints the backlog, then each new record exactly once, oldest first, including late arrivals', async () => {
    api.records.push(
      requestRecord({ id: 'req_1', at: at(0) }),
      requestRecord({ id: 'req_2', at: at(1) }),
      requestRecord({ id: 'req_3', at: at(2) }),
    );
    const { context, sleeps } = tailContext([
      () => api.records.push(requestRecord({ id: 'req_5', at: at(4) })),
      // Stored after req_5 but stamped earlier (the ledger is written in batches).
      () => api.records.push(requestRecord({ id: 'req_4', at: at(3) }), requestRecord({ id: 'req_6', at: at(5) })),
      () => undefined,
    ]);

    const result = await run(
      context,
      'requests',
      'tail',
      '--limit',
      '2',
      '--interval',
      '250',
      '--json',
      '--model',
      'gpt-4o-mini',
    );

    expect(result.exitCode).toBe(0);
    expect(idsOf(result.stdout)).toEqual(['req_2', 'req_3', 'req_5', 'req_4', 'req_6']);
    expect(sleeps).toEqual([250, 250, 250, 250]);
    expect(api.calls.map((call) => call.query)).toEqual([
      { model: 'gpt-4o-mini', limit: '1000' },
      { model: 'gpt-4o-mini', limit: '1000', since: '2025-06-01T11:59:52.000Z' },
      { model: 'gpt-4o-mini', limit: '1000', since: '2025-06-01T11:59:54.000Z' },
      { model: 'gpt-4o-mini', limit: '1000', since: '2025-06-01T11:59:55.000Z' },
    ]);
  });

  it('prints human lines with team names and a loud UNPRICED marker', async () => {
    const { context } = tailContext(
      [() => api.records.push(requestRecord({ id: 'req_2', at: at(2), costUsd: null, teamId: 'team_9' }))],
      { isTTY: true },
    );
    api.records.push(requestRecord({ id: 'req_1', at: at(1) }));

    const result = await run(context, 'requests', 'tail');

    expect(result.stdout).toBe(
      '2025-06-01 12:00:01  200  platform  gpt-4o-mini→gpt-4o-mini-2024-07-18  in 1200 out 80  $0.000420  812ms\n' +
        '\u001b[33m2025-06-01 12:00:02  200  team_9  gpt-4o-mini→gpt-4o-mini-2024-07-18  in 1200 out 80  UNPRICED  812ms\u001b[0m\n',
    );
    // Teams are listed once at start, and again when an unknown team id shows up.
    expect(api.calls.filter((call) => call.path === '/api/v1/teams')).toHaveLength(2);
  });

  it('waits quietly on an empty ledger and stops with exit 0 when interrupted mid-poll', async () => {
    const context = createTestContext({ url: api.url });
    context.sleep = () => {
      // Ctrl-C while the next poll's request is in flight.
      void api.holdNextReply().then(() => context.abort());
      return Promise.resolve();
    };

    const result = await run(context, 'requests', 'tail');

    expect(result).toEqual({ exitCode: 0, stdout: '', stderr: '' });
  });

  it('fails with exit 1 when a poll fails', async () => {
    const { context } = tailContext([
      () =>
        api.replyOnce(500, {
          error: { type: 'api_error', code: 'internal_error', message: 'database unavailable', param: null },
        }),
    ]);

    const result = await run(context, 'requests', 'tail', '--json');

    expect(result).toEqual({ exitCode: 1, stdout: '', stderr: 'error: database unavailable (internal_error)\n' });
  });

  it('rejects an interval under 100 ms', async () => {
    const result = await run(createTestContext({ url: api.url }), 'requests', 'tail', '--interval', '5');

    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/^error: --interval: Too small/);
  });
});
