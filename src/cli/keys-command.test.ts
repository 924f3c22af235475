import { createServer } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext } from './cli-test-context.test-suite.js';
import { startFakeAdminApi, type FakeAdminApi } from './fake-admin-api.test-suite.js';
import { runCli } from './run-cli.js';

let api: FakeAdminApi;
beforeEach(async () => {
  api = await startFakeAdminApi(createServer);
  api.teams.push({ id: 'team_1', orgId: 'org_1', name: 'platform', createdAt: '2025-06-01T12:00:00.000Z' });
  api.projects.push({ id: 'proj_1', teamId: 'team_1', name: 'web', createdAt: '2025-06-01T12:00:00.000Z' });
});
afterEach(() => api.close());

async function podium(...argv: string[]) {
  const context = createTestContext({ url: api.url });
  const exitCode = await runCli({ ...context, argv });
  return { exitCode, stdout: context.stdout.text, stderr: context.stderr.text };
}

describe('podium keys create', () => {
  it('posts the key, with the admin key, and shows the secret once with a warning', async () => {
    const result = await podium(
      'keys',
      'create',
      '--team',
      'platform',
      '--project',
      'web',
      '--name',
      'ci',
      '--allow-model',
      'gpt-4o-mini',
      '--allow-model',
      'claude',
      '--tier',
      'batch',
    );

    expect(result).toMatchObject({ exitCode: 0, stderr: '' });
    expect(api.calls).toEqual([
      {
        method: 'POST',
        path: '/api/v1/keys',
        query: {},
        body: { team: 'platform', project: 'web', name: 'ci', allowedModels: ['gpt-4o-mini', 'claude'], tier: 'batch' },
        authorization: 'Bearer admin-secret',
        contentType: 'application/json',
      },
    ]);
    expect(result.stdout).toBe(
      'Created key key_1 (pk-1abc) for team platform, project web.\n' +
        'Allowed models: gpt-4o-mini,claude\nTier: batch\n\n' +
        '  pk-1abc-secret1\n\n' +
        'Copy this secret now: it will not be shown again.\n',
    );
  });

  it('sends only the given fields and prints the created key as JSON with --json', async () => {
    const result = await podium('keys', 'create', '--team', 'platform', '--json');

    expect(api.calls[0]?.body).toEqual({ team: 'platform' });
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      id: 'key_1',
      key: 'pk-1abc-secret1',
      allowedModels: null,
      projectName: null,
    });
  });

  it('refuses an unknown tier with usage, before calling anything', async () => {
    const result = await podium('keys', 'create', '--team', 'platform', '--tier', 'urgent');
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('--tier must be critical, standard or batch, not "urgent"');
    expect(api.calls).toEqual([]);
  });

  it('needs --team, reporting usage with exit code 2 before calling anything', async () => {
    const result = await podium('keys', 'create', '--name', 'ci');

    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/^error: --team is required\n\nUsage:\n {2}podium keys create/);
    expect(api.calls).toEqual([]);
  });

  it('reports a 404 with its code and param', async () => {
    const result = await podium('keys', 'create', '--team', 'nope');

    expect(result).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: 'error: team "nope" not found (not_found, param team)\n',
    });
  });

  it('reports a validation 400 naming the field', async () => {
    const result = await podium('keys', 'create', '--team', 'platform', '--allow-model', '');

    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/^error: .+ \(invalid_request, param allowedModels\.0\)\n$/);
  });
});

describe('podium keys list', () => {
  beforeEach(async () => {
    await podium(
      'keys',
      'create',
      '--team',
      'platform',
      '--project',
      'web',
      '--name',
      'ci',
      '--allow-model',
      'gpt-4o-mini',
    );
    await podium('keys', 'create', '--team', 'platform');
    await podium('keys', 'revoke', 'key_2');
    api.calls.length = 0;
  });

  it('prints active keys as a table', async () => {
    const result = await podium('keys', 'list');

    expect(api.calls.map((call) => [call.method, call.path, call.query])).toEqual([['GET', '/api/v1/keys', {}]]);
    expect(result.stdout).toBe(
      'ID     PREFIX   NAME  TEAM      PROJECT  ALLOWED MODELS  CREATED              REVOKED\n' +
        'key_1  pk-1abc  ci    platform  web      gpt-4o-mini     2025-06-01 12:00:00  -\n',
    );
  });

  it('asks for revoked keys too with --all and filters by --team', async () => {
    const result = await podium('keys', 'list', '--all', '--team', 'platform');

    expect(api.calls[0]?.query).toEqual({ team: 'platform', includeRevoked: 'true' });
    expect(result.stdout).toContain(
      'key_2  pk-2abc  -     platform  -        all             2025-06-01 12:00:00  2025-06-02 09:30:00\n',
    );
  });

  it('prints the list as JSON with --json', async () => {
    const result = await podium('keys', 'list', '--json');

    expect(JSON.parse(result.stdout)).toEqual({ data: [expect.objectContaining({ id: 'key_1' })] });
  });

  it('says so when there are none', async () => {
    const result = await podium('keys', 'list', '--team', 'nobody');

    expect(result.stdout).toBe('No keys.\n');
  });
});

describe('podium keys revoke', () => {
  beforeEach(async () => {
    await podium('keys', 'create', '--team', 'platform');
    api.calls.length = 0;
  });

  it('revokes by prefix, encoding the reference in the path', async () => {
    const result = await podium('keys', 'revoke', 'pk-1abc');

    expect(api.calls.map((call) => [call.method, call.path, call.body])).toEqual([
      ['POST', '/api/v1/keys/pk-1abc/revoke', undefined],
    ]);
    expect(result).toEqual({ exitCode: 0, stdout: 'Revoked key key_1 (pk-1abc) of team platform.\n', stderr: '' });
  });

  it('reports a 404 and a 409', async () => {
    expect(await podium('keys', 'revoke', 'a/b')).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: 'error: key "a/b" not found (not_found)\n',
    });
    expect(api.calls[0]?.path).toBe('/api/v1/keys/a%2Fb/revoke');
    await podium('keys', 'revoke', 'key_1');
    expect((await podium('keys', 'revoke', 'key_1')).stderr).toBe('error: key key_1 is already revoked (conflict)\n');
  });

  it('needs exactly one reference', async () => {
    expect((await podium('keys', 'revoke')).stderr).toMatch(/^error: missing <id-or-prefix>\n/);
    expect((await podium('keys', 'revoke', 'a', 'b')).exitCode).toBe(2);
  });
});
