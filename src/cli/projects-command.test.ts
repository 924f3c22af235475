import { createServer } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext } from './cli-test-context.test-suite.js';
import { startFakeAdminApi, type FakeAdminApi } from './fake-admin-api.test-suite.js';
import { runCli } from './run-cli.js';

let api: FakeAdminApi;
beforeEach(async () => {
  api = await startFakeAdminApi(createServer);
  api.teams.push({ id: 'team_1', orgId: 'org_1', name: 'platform', createdAt: '2025-06-01T12:00:00.000Z' });
});
afterEach(() => api.close());

async function podium(...argv: string[]) {
  const context = createTestContext({ url: api.url });
  const exitCode = await runCli({ ...context, argv });
  return { exitCode, stdout: context.stdout.text, stderr: context.stderr.text };
}

describe('podium projects', () => {
  it('creates a project in a team', async () => {
    const result = await podium('projects', 'create', '--team', 'platform', 'web');

    expect(api.calls).toMatchObject([
      { method: 'POST', path: '/api/v1/projects', body: { team: 'platform', name: 'web' } },
    ]);
    expect(result).toEqual({ exitCode: 0, stdout: 'Created project web (proj_1) in team platform.\n', stderr: '' });
  });

  it('needs --team and a name', async () => {
    expect((await podium('projects', 'create', 'web')).stderr).toMatch(/^error: --team is required\n/);
    expect((await podium('projects', 'create', '--team', 'platform')).stderr).toMatch(/^error: missing <name>\n/);
    expect(api.calls).toEqual([]);
  });

  it('reports an unknown team', async () => {
    expect(await podium('projects', 'create', '--team', 'nope', 'web')).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: 'error: team "nope" not found (not_found, param team)\n',
    });
  });

  it('lists projects, filtered by team', async () => {
    await podium('projects', 'create', '--team', 'platform', 'web');
    const result = await podium('projects', 'list', '--team', 'platform');

    expect(api.calls.at(-2)).toMatchObject({ method: 'GET', path: '/api/v1/projects', query: { team: 'platform' } });
    expect(result.stdout).toBe('ID      NAME  TEAM      CREATED\n' + 'proj_1  web   platform  2025-06-01 12:00:00\n');
    expect((await podium('projects', 'list', '--team', 'other')).stdout).toBe('No projects.\n');
    expect(JSON.parse((await podium('projects', 'list', '--json')).stdout)).toEqual({ data: api.projects });
  });
});
