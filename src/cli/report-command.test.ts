import { createServer } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext } from './cli-test-context.test-suite.js';
import { startFakeAdminApi, type FakeAdminApi } from './fake-admin-api.test-suite.js';
import { installFakeBudgetApi, type FakeBudgetState } from './fake-budget-api.test-suite.js';
import { runCli } from './run-cli.js';

let api: FakeAdminApi;
let budgets: FakeBudgetState;
beforeEach(async () => {
  api = await startFakeAdminApi(createServer);
  budgets = installFakeBudgetApi(api);
});
afterEach(() => api.close());

async function podium(...argv: string[]) {
  const context = createTestContext({ url: api.url });
  const exitCode = await runCli({ ...context, argv });
  return { exitCode, stdout: context.stdout.text, stderr: context.stderr.text };
}

describe('podium report spend', () => {
  beforeEach(() => {
    budgets.spend = {
      rows: [
        {
          group: 'team_1',
          label: 'platform',
          requests: 1200,
          inputTokens: 3_400_000,
          outputTokens: 210_000,
          costUsd: 41.2875,
          unpricedRequests: 0,
        },
        {
          group: 'team_2',
          label: 'search',
          requests: 12,
          inputTokens: 900,
          outputTokens: 80,
          costUsd: 0.000421,
          unpricedRequests: 3,
        },
        { group: null, label: null, requests: 2, inputTokens: 0, outputTokens: 0, costUsd: 0, unpricedRequests: 0 },
      ],
      totalUsd: 41.287921,
    };
  });

  it('asks for the period, grouping and time zone, and prints one line per group with the total', async () => {
    const result = await podium('report', 'spend', '--by', 'team', '--period', '2026-11', '--timezone', 'Europe/Paris');

    expect(api.calls.map((call) => [call.method, call.path, call.query])).toEqual([
      ['GET', '/api/v1/reports/spend', { period: '2026-11', by: 'team', timezone: 'Europe/Paris' }],
    ]);
    expect(result.stdout).toBe(
      'TEAM      ID      REQUESTS  INPUT TOKENS  OUTPUT TOKENS  COST       UNPRICED\n' +
        'platform  team_1  1200      3400000       210000         $41.29     0\n' +
        'search    team_2  12        900           80             $0.000421  3\n' +
        '(none)    -       2         0             0              $0.00      0\n' +
        'Total $41.29 from 2026-10-31 23:00:00 to 2026-11-30 23:00:00 UTC\n',
    );
    expect(result.stderr).toBe(
      'warning: 3 UNPRICED call(s) are not in the cost: give their models a price in podium.yaml\n',
    );
  });

  it('prints the server’s CSV as is with --csv, and the report as JSON with --json', async () => {
    budgets.csv =
      'period,group,label,requests,input_tokens,output_tokens,cost_usd,unpriced_requests\r\n2026-11,team_1,platform,1200,3400000,210000,41.2875,0\r\n';

    const csv = await podium('report', 'spend', '--period', '2026-11', '--csv');
    expect(api.calls[0]?.query).toEqual({ period: '2026-11', format: 'csv' });
    expect(csv).toEqual({ exitCode: 0, stdout: budgets.csv, stderr: '' });

    const json = await podium('report', 'spend', '--period', '2026', '--by', 'model', '--json');
    expect(JSON.parse(json.stdout)).toMatchObject({
      by: 'model',
      period: '2026',
      totalUsd: 41.287921,
      rows: [{ group: 'team_1', costUsd: 41.2875 }, {}, {}],
    });
  });

  it('says so when the period has no calls', async () => {
    budgets.spend = { rows: [], totalUsd: 0 };
    expect((await podium('report', 'spend', '--period', '2026-11-21')).stdout).toBe(
      'No calls in this period.\nTotal $0.00 from 2026-10-31 23:00:00 to 2026-11-30 23:00:00 UTC\n',
    );
  });

  it('needs --period, refuses --csv with --json, and reports the field the server refused', async () => {
    expect(await podium('report', 'spend')).toMatchObject({
      exitCode: 2,
      stderr: expect.stringMatching(/^error: --period is required\n\nUsage:\n {2}podium report spend/) as unknown,
    });
    expect((await podium('report', 'spend', '--period', '2026', '--csv', '--json')).stderr).toMatch(
      /^error: give --csv or --json, not both/,
    );
    expect(api.calls).toEqual([]);
    expect(await podium('report', 'spend', '--period', '2026', '--by', 'colour')).toMatchObject({
      exitCode: 1,
      stderr: expect.stringMatching(/\(invalid_request, param by\)\n$/) as unknown,
    });
    expect((await podium('report', 'costs')).stderr).toMatch(/^error: unknown command "podium report costs"/);
  });
});
