import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { budgetDefinitionSchema, type BudgetStatus } from '../contract/index.js';
import { createTestContext } from './cli-test-context.test-suite.js';
import { startFakeAdminApi, type FakeAdminApi } from './fake-admin-api.test-suite.js';
import { installFakeBudgetApi, type FakeBudgetState } from './fake-budget-api.test-suite.js';
import { runCli } from './run-cli.js';

let api: FakeAdminApi;
let budgets: FakeBudgetState;
let cwd: string;
beforeEach(async () => {
  api = await startFakeAdminApi(createServer);
  budgets = installFakeBudgetApi(api);
  cwd = await mkdtemp(join(tmpdir(), 'podium-budgets-cli-'));
});
afterEach(() => api.close());

async function podium(...argv: string[]) {
  const context = { ...createTestContext({ url: api.url }), cwd };
  const exitCode = await runCli({ ...context, argv });
  return { exitCode, stdout: context.stdout.text, stderr: context.stderr.text };
}

const definition = (fields: Record<string, unknown>) =>
  budgetDefinitionSchema.parse({ scope: { kind: 'team', value: 'eng' }, limit: 100, ...fields });

const status = (fields: Partial<BudgetStatus>): BudgetStatus => ({
  id: 'team-eng',
  scope: { kind: 'team', value: 'eng' },
  unit: 'usd',
  mode: 'hard',
  period: 'month',
  periodStart: '2026-10-31T23:00:00.000Z',
  resetsAt: '2026-11-30T23:00:00.000Z',
  limit: 100,
  used: 80,
  remaining: 20,
  burnRatePerHour: 0.25,
  projectedAtPeriodEnd: 180,
  hot: true,
  source: 'config',
  ...fields,
});

describe('podium budgets list', () => {
  it('prints every budget with its limit, period and source', async () => {
    budgets.budgets.push({ ...definition({ id: 'team-eng', timezone: 'Europe/Paris' }), source: 'config' });
    budgets.budgets.push({
      ...definition({
        id: 'search-tokens',
        scope: { kind: 'project', value: 'search' },
        unit: 'tokens',
        limit: 5_000_000,
        period: 'week',
        mode: 'soft',
      }),
      source: 'api',
    });

    const result = await podium('budgets', 'list');

    expect(result).toMatchObject({ exitCode: 0, stderr: '' });
    expect(result.stdout).toBe(
      'ID             SCOPE           LIMIT             PERIOD  TIMEZONE      MODE  SOURCE\n' +
        'team-eng       team:eng        100.00 USD        month   Europe/Paris  hard  config\n' +
        'search-tokens  project:search  5,000,000 tokens  week    UTC           soft  api\n',
    );
  });

  it('prints the API response with --json, and says so when there are none', async () => {
    expect((await podium('budgets', 'list')).stdout).toBe('No budgets.\n');
    budgets.budgets.push({ ...definition({ id: 'team-eng', whenHot: { batch: 'refuse' } }), source: 'api' });
    expect(JSON.parse((await podium('budgets', 'list', '--json')).stdout)).toEqual({
      data: [{ ...definition({ id: 'team-eng', whenHot: { batch: 'refuse' } }), source: 'api' }],
    });
  });
});

describe('podium budgets status', () => {
  it('prints used / limit, remaining, burn rate, projection, HOT and the reset time per budget', async () => {
    budgets.statuses.push(status({}));
    budgets.statuses.push(
      status({
        id: 'rpm',
        scope: { kind: 'key', value: 'pk-1abc' },
        unit: 'requests',
        period: 'minute',
        limit: 600,
        used: 12,
        remaining: 588,
        burnRatePerHour: 720,
        projectedAtPeriodEnd: null,
        hot: false,
        resetsAt: null,
      }),
    );
    budgets.statuses.push(
      status({ id: 'slow', used: 0.5, remaining: 99.5, burnRatePerHour: 0.0021, projectedAtPeriodEnd: 2, hot: false }),
    );

    const result = await podium('budgets', 'status');

    expect(api.calls.map((call) => [call.method, call.path])).toEqual([['GET', '/api/v1/budgets/status']]);
    expect(result.stdout).toBe(
      'ID        SCOPE        USED / LIMIT        REMAINING  BURN/H  PROJECTED  HOT  RESETS (UTC)\n' +
        'team-eng  team:eng     80.00 / 100.00 USD  20.00      0.25    180.00     HOT  2026-11-30 23:00:00\n' +
        'rpm       key:pk-1abc  12 / 600 requests   588        720     -          -    never\n' +
        'slow      team:eng     0.50 / 100.00 USD   99.50      0.0021  2.00       -    2026-11-30 23:00:00\n',
    );
  });

  it('shows one budget by id, as JSON with --json, and reports an unknown one', async () => {
    budgets.statuses.push(status({}));
    const one = await podium('budgets', 'status', 'team-eng', '--json');
    expect(api.calls.at(-1)?.path).toBe('/api/v1/budgets/team-eng/status');
    expect(JSON.parse(one.stdout)).toEqual(status({}));
    expect(await podium('budgets', 'status', 'ghost')).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: 'error: budget "ghost" not found (not_found, param id)\n',
    });
  });
});

describe('podium budgets create and delete', () => {
  it('posts the definition read from --file and confirms it', async () => {
    await writeFile(
      join(cwd, 'budget.json'),
      JSON.stringify({ id: 'team-eng', scope: { kind: 'team', value: 'eng' }, limit: 250, alertThresholds: [0.9] }),
    );

    const result = await podium('budgets', 'create', '--file', 'budget.json');

    expect(api.calls[0]).toMatchObject({
      method: 'POST',
      path: '/api/v1/budgets',
      body: { id: 'team-eng', scope: { kind: 'team', value: 'eng' }, limit: 250, alertThresholds: [0.9] },
    });
    expect(result).toEqual({
      exitCode: 0,
      stdout: 'Saved budget team-eng: team:eng, 250.00 USD per month (hard).\n',
      stderr: '',
    });
  });

  it('names the file that cannot be read or parsed, and the field the server refused', async () => {
    const missing = await podium('budgets', 'create', '--file', 'nope.json');
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toContain(`cannot read ${join(cwd, 'nope.json')}`);
    await writeFile(join(cwd, 'broken.json'), '{ "id": ');
    expect((await podium('budgets', 'create', '--file', 'broken.json')).stderr).toContain(
      `${join(cwd, 'broken.json')} is not valid JSON`,
    );
    await writeFile(
      join(cwd, 'negative.json'),
      JSON.stringify({ id: 'x', scope: { kind: 'team', value: 'eng' }, limit: -1 }),
    );
    expect((await podium('budgets', 'create', '--file', 'negative.json')).stderr).toMatch(
      /\(invalid_request, param limit\)\n$/,
    );
    expect((await podium('budgets', 'create')).exitCode).toBe(2);
    expect(api.calls.filter((call) => call.method === 'POST')).toHaveLength(1);
  });

  it('deletes an API budget by id and reports a podium.yaml one', async () => {
    budgets.budgets.push(
      { ...definition({ id: 'team-eng' }), source: 'api' },
      { ...definition({ id: 'org' }), source: 'config' },
    );

    expect(await podium('budgets', 'delete', 'team-eng')).toEqual({
      exitCode: 0,
      stdout: 'Deleted budget team-eng.\n',
      stderr: '',
    });
    expect(api.calls[0]).toMatchObject({ method: 'DELETE', path: '/api/v1/budgets/team-eng' });
    expect(budgets.budgets.map((budget) => budget.id)).toEqual(['org']);
    expect((await podium('budgets', 'delete', 'org')).stderr).toBe(
      'error: budget "org" is defined in podium.yaml (conflict, param id)\n',
    );
  });
});

describe('podium budgets requests, request, grant and deny', () => {
  it('files a request for a higher limit with every field', async () => {
    const result = await podium(
      'budgets',
      'request',
      '--budget',
      'team-eng',
      '--amount',
      '250',
      '--by',
      'ana',
      '--why',
      'launch week',
      '--value',
      'search ships',
    );

    expect(api.calls[0]).toMatchObject({
      method: 'POST',
      path: '/api/v1/budget-requests',
      body: {
        budgetId: 'team-eng',
        amount: 250,
        requestedBy: 'ana',
        justification: 'launch week',
        expectedValue: 'search ships',
      },
    });
    expect(result.stdout).toBe('Filed budget request breq_1 (pending): team-eng to 250.\n');
  });

  it('files a new allocation from --file', async () => {
    await writeFile(
      join(cwd, 'allocation.json'),
      JSON.stringify({ id: 'search', scope: { kind: 'project', value: 'search' }, limit: 1 }),
    );

    const result = await podium(
      'budgets',
      'request',
      '--file',
      'allocation.json',
      '--amount',
      '40',
      '--by',
      'ana',
      '--why',
      'new project',
    );

    expect(api.calls[0]?.body).toEqual({
      allocation: { id: 'search', scope: { kind: 'project', value: 'search' }, limit: 1 },
      amount: 40,
      requestedBy: 'ana',
      justification: 'new project',
    });
    expect(result.stdout).toBe('Filed budget request breq_1 (pending): new:search to 40.\n');
  });

  it('refuses a bad command line before calling anything', async () => {
    const cases: [string[], RegExp][] = [
      [
        ['request', '--budget', 'b', '--amount', 'lots', '--by', 'ana', '--why', 'x'],
        /--amount must be a positive number, not "lots"/,
      ],
      [
        ['request', '--budget', 'b', '--amount', '0', '--by', 'ana', '--why', 'x'],
        /--amount must be a positive number, not "0"/,
      ],
      [
        ['request', '--budget', 'b', '--file', 'a.json', '--amount', '5', '--by', 'ana', '--why', 'x'],
        /give --budget <id> or --file/,
      ],
      [['request', '--budget', 'b', '--amount', '5', '--why', 'x'], /--by is required/],
      [['grant', 'breq_1'], /--approver is required/],
      [['deny'], /missing <request-id>/],
      [['requests', 'list', '--state', 'maybe'], /--state must be pending, granted, denied, not "maybe"/],
      [['requests'], /podium budgets requests needs a subcommand/],
    ];
    for (const [argv, message] of cases) {
      const result = await podium('budgets', ...argv);
      expect(result.exitCode, argv.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
    }
    expect(api.calls).toEqual([]);
  });

  it('lists requests filtered by state, grants one with a comment, and reports a second decision', async () => {
    await podium(
      'budgets',
      'request',
      '--budget',
      'team-eng',
      '--amount',
      '250',
      '--by',
      'ana',
      '--why',
      'launch week traffic for the new search experience',
    );
    await podium('budgets', 'request', '--budget', 'team-web', '--amount', '90', '--by', 'bo', '--why', 'tests');
    api.calls.length = 0;

    const listed = await podium('budgets', 'requests', 'list', '--state', 'pending');
    expect(api.calls[0]).toMatchObject({ method: 'GET', path: '/api/v1/budget-requests', query: { state: 'pending' } });
    expect(listed.stdout).toBe(
      'ID      STATE    BUDGET    AMOUNT  BY   CREATED              DECIDED BY  JUSTIFICATION\n' +
        'breq_2  pending  team-web  90      bo   2026-11-20 08:00:00  -           tests\n' +
        'breq_1  pending  team-eng  250     ana  2026-11-20 08:00:00  -           launch week traffic for the new search…\n',
    );

    const granted = await podium(
      'budgets',
      'grant',
      'breq_1',
      '--approver',
      'finance-lead',
      '--comment',
      'for November',
    );
    expect(api.calls.at(-1)).toMatchObject({
      method: 'POST',
      path: '/api/v1/budget-requests/breq_1/grant',
      body: { approver: 'finance-lead', comment: 'for November' },
    });
    expect(granted.stdout).toBe('Granted budget request breq_1: team-eng to 250.\n');
    expect((await podium('budgets', 'deny', 'breq_2', '--approver', 'finance-lead')).stdout).toBe(
      'Denied budget request breq_2: team-web to 90.\n',
    );
    expect(await podium('budgets', 'deny', 'breq_1', '--approver', 'cy')).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: 'error: budget request "breq_1" was already granted (conflict, param id)\n',
    });
    expect(
      JSON.parse((await podium('budgets', 'requests', 'list', '--state', 'granted', '--json')).stdout),
    ).toMatchObject({
      data: [{ id: 'breq_1', state: 'granted', decidedBy: 'finance-lead', decisionComment: 'for November' }],
    });
  });
});

describe('podium --help', () => {
  it('lists the budgets and report commands', async () => {
    const result = await podium('--help');
    expect(result.stdout).toMatch(/^ {2}budgets +list, create and delete budgets/m);
    expect(result.stdout).toMatch(/^ {2}report +spend reports/m);
  });
});
