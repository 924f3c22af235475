import { createServer } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ShadowAliasReport, ShadowChoiceReport, ShadowReport } from '../contract/index.js';
import { createTestContext } from './cli-test-context.test-suite.js';
import { startFakeAdminApi, type FakeAdminApi } from './fake-admin-api.test-suite.js';
import { runCli } from './run-cli.js';

let api: FakeAdminApi;
let report: ShadowReport;
beforeEach(async () => {
  api = await startFakeAdminApi(createServer);
  report = { since: '2026-10-31T12:00:00.000Z', until: '2026-11-30T12:00:00.000Z', aliases: [] };
  api.addRoute('GET', /^\/api\/v1\/routing\/report$/, () => ({ status: 200, body: report }));
});
afterEach(() => api.close());

async function podium(...argv: string[]) {
  const context = createTestContext({ url: api.url });
  const exitCode = await runCli({ ...context, argv });
  return { exitCode, stdout: context.stdout.text, stderr: context.stderr.text };
}

const noCost = { pricedSamples: 0, meanServedUsd: null, meanReferenceUsd: null, savings: null, savedUsd: null };
const small: ShadowChoiceReport = {
  choice: 'small',
  servedByReference: false,
  routedCalls: 9000,
  samples: 100,
  graded: 100,
  ungraded: 0,
  qualityKept: { value: 0.8, low: 0.7112, high: 0.8666, method: 'wilson' },
  nonRegression: { value: 0.8, low: 0.7112, high: 0.8666, method: 'wilson', kept: 80, of: 100 },
  cost: {
    pricedSamples: 100,
    meanServedUsd: 0.0015,
    meanReferenceUsd: 0.011,
    savings: { value: 0.8636, low: 0.859, high: 0.868, method: 'delta' },
    savedUsd: { value: 85.5, low: 84.61, high: 86.39, method: 'normal' },
  },
};
const large: ShadowChoiceReport = {
  ...small,
  choice: 'large',
  servedByReference: true,
  routedCalls: 1000,
  samples: 0,
  graded: 0,
  qualityKept: null,
  nonRegression: null,
  cost: { ...noCost, savedUsd: { value: 0, low: 0, high: 0, method: 'exact' } },
};
const { choice: _choice, servedByReference: _servedByReference, ...figures } = small;
const auto: ShadowAliasReport = {
  ...figures,
  alias: 'auto',
  references: ['large'],
  graders: ['exact'],
  routedCalls: 10000,
  unmeasuredCalls: 0,
  choices: [small, large],
};

describe('podium route report', () => {
  it('prints per alias the figures with their intervals, then one row per choice', async () => {
    report.aliases = [auto];

    const result = await podium('route', 'report', '--alias', 'auto', '--since', '2026-10-31T12:00:00Z');

    expect(result).toMatchObject({ exitCode: 0, stderr: '' });
    expect(api.calls.map((call) => [call.path, call.query])).toEqual([
      ['/api/v1/routing/report', { alias: 'auto', since: '2026-10-31T12:00:00Z' }],
    ]);
    expect(result.stdout).toBe(
      'Shadow sampling 2026-10-31 12:00:00 → 2026-11-30 12:00:00 UTC; intervals are 95 %.\n' +
        '\n' +
        'auto (reference large · grader exact): 10,000 routed calls, 100 samples (0 ungraded)\n' +
        '  quality kept     80.0 % (71.1–86.7)\n' +
        '  non-regression   80.0 % (71.1–86.7), 80 of 100\n' +
        '  savings per call 86.4 % (85.9–86.8), $0.0015 / $0.011 served / reference\n' +
        '  money saved      $85.50 ($84.61–$86.39)\n' +
        '\n' +
        '  CHOICE  CALLS  SAMPLES  QUALITY KEPT        NON-REGRESSION      SAVINGS             COST/CALL SERVED / REF  SAVED\n' +
        '  small   9,000  100      80.0 % (71.1–86.7)  80.0 % (71.1–86.7)  86.4 % (85.9–86.8)  $0.0015 / $0.011        $85.50 ($84.61–$86.39)\n' +
        '  large   1,000  0        reference           reference           reference           -                       $0.00\n',
    );
  });

  it('prints the API response with --json, and says so when the window is empty', async () => {
    expect((await podium('route', 'report')).stdout).toMatch(/No routed calls or shadow samples in this window\.\n$/);
    report.aliases = [auto];
    expect(JSON.parse((await podium('route', 'report', '--json')).stdout)).toEqual(report);
  });

  it("shows the server's error naming the field", async () => {
    api.replyOnce(400, {
      error: {
        type: 'invalid_request_error',
        code: 'invalid_request',
        message: 'query.since: Invalid ISO datetime',
        param: 'since',
      },
    });
    const result = await podium('route', 'report', '--since', 'yesterday');
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toContain('query.since: Invalid ISO datetime (invalid_request, param since)');
  });
});
