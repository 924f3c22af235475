import { createHash, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { RequestRecord } from '../../../contract/index.js';
import { newId } from '../../store/index.js';
import type { DatabaseAccessor } from '../../store/database-accessor.test-suite.js';
import { createIdentityRepository } from '../../identity/index.js';
import { createLedgerRepository } from '../../ledger/index.js';
import { createSpendReportRepository } from './spend-report-repository.js';

/**
 * Each test reads its own calendar year, far from the years other suites write to, so rows of other tests
 * sharing the store never fall in its window.
 */
let nextYear = 2091;
const freshWindow = (): { from: string; to: string; at: (offsetMs: number) => string } => {
  const year = nextYear;
  nextYear += 2; // a gap year: tests write just past their own window
  const from = Date.UTC(year, 0, 1);
  return {
    from: new Date(from).toISOString(),
    to: new Date(Date.UTC(year + 1, 0, 1)).toISOString(),
    at: (offset) => new Date(from + offset).toISOString(),
  };
};

const call = (fields: Partial<RequestRecord> & Pick<RequestRecord, 'at'>): RequestRecord => ({
  id: `req_${randomUUID()}`,
  orgId: 'org_spend',
  teamId: null,
  projectId: null,
  keyId: null,
  surface: 'openai-chat',
  requestedModel: 'fast',
  servedModel: 'gpt-4o-mini',
  provider: 'openai',
  stream: false,
  status: 200,
  errorCode: null,
  tier: 'standard',
  endUser: null,
  tags: null,
  inputTokens: 100,
  outputTokens: 10,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
  costUsd: 0.1,
  latencyMs: 100,
  overheadMs: 0.1,
  attempts: 1,
  routePolicy: null,
  routeChoice: null,
  routeReason: null,
  cacheStatus: null,
  dataFindings: null,
  usageEstimated: false,
  sanitized: false,
  ...fields,
});

export function describeSpendReportConformance(database: DatabaseAccessor): void {
  const spend = () => createSpendReportRepository(database());

  /** A team with one project and one key, named uniquely. */
  const identity = async () => {
    const org = await createIdentityRepository(database()).ensureOrganization('default');
    const team = await createIdentityRepository(database()).createTeam({
      orgId: org.id,
      name: `spend-${randomUUID().slice(0, 8)}`,
    });
    const project = await createIdentityRepository(database()).createProject({ teamId: team.id, name: 'web' });
    const secret = `pk-${randomUUID()}`;
    const key = await createIdentityRepository(database()).insertKey({
      id: newId('key'),
      hash: createHash('sha256').update(secret).digest('hex'),
      prefix: secret.slice(0, 11),
      name: null,
      orgId: org.id,
      teamId: team.id,
      projectId: project.id,
      allowedModels: null,
      tier: 'batch',
    });
    return { team, project, key };
  };

  describe('spend report', () => {
    it('sums requests, tokens and exact USD per team over [from, to), most expensive first, with team names', async () => {
      const window = freshWindow();
      const [a, b] = [await identity(), await identity()];
      await createLedgerRepository(database()).insertMany([
        call({ at: window.from, teamId: a.team.id, costUsd: 0.1, inputTokens: 3_000_000_000 }),
        call({ at: window.at(1000), teamId: a.team.id, costUsd: 0.2 }),
        call({ at: window.at(2000), teamId: b.team.id, costUsd: 1.5, outputTokens: 7 }),
        call({ at: window.at(3000), teamId: null, costUsd: 0.05 }),
        // Outside the window: the end is exclusive, and a millisecond before the start is out.
        call({ at: window.to, teamId: a.team.id, costUsd: 100 }),
        call({ at: new Date(Date.parse(window.from) - 1).toISOString(), teamId: a.team.id, costUsd: 100 }),
      ]);

      const report = await spend().spend({ by: 'team', from: window.from, to: window.to });

      expect(report.rows).toEqual([
        {
          group: b.team.id,
          label: b.team.name,
          requests: 1,
          inputTokens: 100,
          outputTokens: 7,
          costUsd: 1.5,
          unpricedRequests: 0,
        },
        // numeric sums exactly: 0.1 + 0.2 is 0.3 here, not 0.30000000000000004.
        {
          group: a.team.id,
          label: a.team.name,
          requests: 2,
          inputTokens: 3_000_000_100,
          outputTokens: 20,
          costUsd: 0.3,
          unpricedRequests: 0,
        },
        {
          group: null,
          label: null,
          requests: 1,
          inputTokens: 100,
          outputTokens: 10,
          costUsd: 0.05,
          unpricedRequests: 0,
        },
      ]);
      expect(report.totalUsd).toBe(1.85);
    });

    it('keeps unpriced calls out of the cost and counts them; failed calls without a cost are not unpriced', async () => {
      const window = freshWindow();
      const { team } = await identity();
      await createLedgerRepository(database()).insertMany([
        call({ at: window.at(0), teamId: team.id, costUsd: 0.000123 }),
        call({ at: window.at(1), teamId: team.id, costUsd: null, inputTokens: 50, outputTokens: 5 }),
        call({ at: window.at(2), teamId: team.id, costUsd: null, status: 502, inputTokens: 0, outputTokens: 0 }),
        call({ at: window.at(3), teamId: team.id, costUsd: null, status: 429, inputTokens: 0, outputTokens: 0 }),
      ]);

      const report = await spend().spend({ by: 'team', from: window.from, to: window.to });

      expect(report.rows).toEqual([
        {
          group: team.id,
          label: team.name,
          requests: 4,
          inputTokens: 150,
          outputTokens: 15,
          costUsd: 0.000123,
          unpricedRequests: 1,
        },
      ]);
      expect(report.totalUsd).toBe(0.000123);
    });

    it('labels projects with their team and keys with their prefix', async () => {
      const window = freshWindow();
      const { team, project, key } = await identity();
      await createLedgerRepository(database()).insertMany([
        call({ at: window.at(0), teamId: team.id, projectId: project.id, keyId: key.id, costUsd: 2 }),
      ]);

      const byProject = await spend().spend({ by: 'project', from: window.from, to: window.to });
      expect(byProject.rows).toMatchObject([{ group: project.id, label: `${team.name}/web`, costUsd: 2 }]);
      const byKey = await spend().spend({ by: 'key', from: window.from, to: window.to });
      expect(byKey.rows).toMatchObject([{ group: key.id, label: key.prefix, costUsd: 2 }]);
    });

    it('groups by the model asked for, provider, tier and end user', async () => {
      const window = freshWindow();
      await createLedgerRepository(database()).insertMany([
        call({
          at: window.at(0),
          requestedModel: 'fast',
          servedModel: 'gpt-4o-mini',
          provider: 'openai',
          tier: 'batch',
          endUser: 'u-1',
          costUsd: 1,
        }),
        call({
          at: window.at(1),
          requestedModel: 'fast',
          servedModel: 'claude-haiku',
          provider: 'anthropic',
          tier: 'batch',
          endUser: 'u-2',
          costUsd: 2,
        }),
        call({
          at: window.at(2),
          requestedModel: 'smart',
          servedModel: 'claude-sonnet',
          provider: 'anthropic',
          tier: 'critical',
          endUser: null,
          costUsd: 4,
        }),
      ]);
      const groups = async (by: 'model' | 'provider' | 'tier' | 'user') =>
        (await spend().spend({ by, from: window.from, to: window.to })).rows.map((row) => [
          row.group,
          row.label,
          row.requests,
          row.costUsd,
        ]);

      expect(await groups('model')).toEqual([
        ['smart', null, 1, 4],
        ['fast', null, 2, 3],
      ]);
      expect(await groups('provider')).toEqual([
        ['anthropic', null, 2, 6],
        ['openai', null, 1, 1],
      ]);
      expect(await groups('tier')).toEqual([
        ['critical', null, 1, 4],
        ['batch', null, 2, 3],
      ]);
      expect(await groups('user')).toEqual([
        [null, null, 1, 4],
        ['u-2', null, 1, 2],
        ['u-1', null, 1, 1],
      ]);
    });

    it('returns no rows and a zero total for an empty window', async () => {
      const window = freshWindow();
      expect(await spend().spend({ by: 'team', from: window.from, to: window.to })).toEqual({ rows: [], totalUsd: 0 });
    });
  });
}
