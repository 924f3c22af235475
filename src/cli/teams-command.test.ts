import { createServer } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext } from './cli-test-context.test-suite.js';
import { startFakeAdminApi, type FakeAdminApi } from './fake-admin-api.test-suite.js';
import { runCli } from './run-cli.js';

let api: FakeAdminApi;
beforeEach(async () => {
  api = await startFakeAdminApi(createServer);
});
afterEach(() => api.close());

async function podium(...argv: string[]) {
  const context = createTestContext({ url: api.url });
  const exitCode = await runCli({ ...context, argv });
  return { exitCode, stdout: context.stdout.text, stderr: context.stderr.text };
}

describe('podium teams', () => {
  it('creates a team', async () => {
    const result = await podium('teams', 'create', 'platform');

    expect(api.calls).toMatchObject([
      { method: 'POST', path: '/api/v1/teams', body: { name: 'platform' }, authorization: 'Bearer admin-secret' },
    ]);
    expect(result).toEqual({ exitCode: 0, stdout: 'Created team platform (team_1).\n', stderr: '' });
  });

  it('reports a 409 for a duplicate name and a 400 for an invalid one', async () => {
    await podium('teams', 'create', 'platform');

    expect(await podium('teams', 'create', 'platform')).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: 'error: team "platform" already exists (conflict, param name)\n',
    });
    expect((await podium('teams', 'create', '!bad')).stderr).toBe(
      'error: letters, digits, space, dot, underscore or dash (invalid_request, param name)\n',
    );
  });

  it('lists teams as a table or as JSON', async () => {
    await podium('teams', 'create', 'platform');
    await podium('teams', 'create', 'data science');

    expect((await podium('teams', 'list')).stdout).toBe(
      'ID      NAME          CREATED\n' +
        'team_1  platform      2025-06-01 12:00:00\n' +
        'team_2  data science  2025-06-01 12:00:00\n',
    );
    expect(JSON.parse((await podium('teams', 'list', '--json')).stdout)).toEqual({ data: api.teams });
    expect(api.calls.at(-1)).toMatchObject({ method: 'GET', path: '/api/v1/teams', query: {} });
  });

  it('says so when there are none', async () => {
    expect((await podium('teams', 'list')).stdout).toBe('No teams.\n');
  });

  it('rejects a missing name and an unknown flag with usage, exit 2', async () => {
    const missing = await podium('teams', 'create');
    const unknown = await podium('teams', 'list', '--colour');

    expect(missing).toMatchObject({ exitCode: 2, stdout: '' });
    expect(missing.stderr).toMatch(/^error: missing <name>\n\nUsage:\n {2}podium teams create <name>/);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toMatch(/^error: Unknown option '--colour'/);
    expect(api.calls).toEqual([]);
  });
});
