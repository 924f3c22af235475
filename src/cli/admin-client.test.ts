import { createServer } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { teamSchema } from '../contract/index.js';
import { createAdminClient, defaultPodiumUrl } from './admin-client.js';
import { createTestContext } from './cli-test-context.test-suite.js';
import { startFakeAdminApi, type FakeAdminApi } from './fake-admin-api.test-suite.js';
import { runCli } from './run-cli.js';

let api: FakeAdminApi;
beforeEach(async () => {
  api = await startFakeAdminApi(createServer);
});
afterEach(() => api.close());

async function teamsList(options: Parameters<typeof createTestContext>[0]) {
  const context = createTestContext(options);
  const exitCode = await runCli({ ...context, argv: ['teams', 'list'] });
  return { exitCode, stdout: context.stdout.text, stderr: context.stderr.text };
}

describe('admin client errors', () => {
  it('needs PODIUM_ADMIN_KEY and says so before any call', async () => {
    const result = await teamsList({ url: api.url, env: { PODIUM_ADMIN_KEY: undefined } });

    expect(result).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: 'error: PODIUM_ADMIN_KEY is not set: export the admin key the Podium server was started with\n',
    });
    expect(api.calls).toEqual([]);
  });

  it('reports a wrong admin key (401) with the API message and code', async () => {
    const result = await teamsList({ url: api.url, adminKey: 'wrong' });

    expect(api.calls[0]?.authorization).toBe('Bearer wrong');
    expect(result).toEqual({ exitCode: 1, stdout: '', stderr: 'error: invalid admin key (invalid_api_key)\n' });
  });

  it('names PODIUM_URL and suggests podium start when the connection is refused', async () => {
    const url = api.url;
    await api.close();

    const result = await teamsList({ url });

    expect(result.exitCode).toBe(1);
    expect(result.stderr).toBe(
      `error: cannot reach Podium at ${url} (connection refused). Is it running? Start it with \`podium start\`, or point PODIUM_URL at it.\n`,
    );
    api = await startFakeAdminApi(createServer);
  });

  it('rejects a malformed PODIUM_URL', async () => {
    expect((await teamsList({ url: 'localhost:4141' })).stderr).toBe(
      'error: PODIUM_URL must be an http(s) URL, got "localhost:4141"\n',
    );
    expect((await teamsList({ url: 'http://' })).stderr).toBe('error: PODIUM_URL is not a valid URL: "http://"\n');
  });

  it('reports an error response that is not the admin error shape with its status and body', async () => {
    api.replyOnce(502, 'Bad gateway');

    expect((await teamsList({ url: api.url })).stderr).toBe(
      'error: GET /api/v1/teams failed with HTTP 502: Bad gateway\n',
    );
  });

  it('reports a success response of the wrong shape clearly instead of crashing', async () => {
    api.replyOnce(200, { data: [{ id: 'team_1', name: 'platform' }] });

    const result = await teamsList({ url: api.url });

    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(
      /^error: unexpected response from Podium for GET \/api\/v1\/teams .*:\n.*\n {2}→ at data\[0\]\.orgId\n/s,
    );
  });

  it('reports a success response that is not JSON', async () => {
    api.replyOnce(200, '<html>');

    expect((await teamsList({ url: api.url })).stderr).toMatch(
      /^error: unexpected response from Podium for GET \/api\/v1\/teams/,
    );
  });
});

describe('createAdminClient', () => {
  it('defaults to the local Podium and keeps a path prefix of PODIUM_URL', async () => {
    const urls: string[] = [];
    const fetch = (input: string | URL | Request) => {
      urls.push(input instanceof Request ? input.url : input.toString());
      return Promise.resolve(Response.json({ id: 't', orgId: 'o', name: 'n', createdAt: 'c' }));
    };
    const signal = new AbortController().signal;

    expect(createAdminClient({ env: { PODIUM_ADMIN_KEY: 'k' }, signal }).baseUrl).toBe(defaultPodiumUrl);
    const client = createAdminClient({
      env: { PODIUM_ADMIN_KEY: 'k', PODIUM_URL: 'https://example.com/podium/' },
      signal,
      fetch,
    });
    await client.call({
      method: 'GET',
      path: '/api/v1/teams/t',
      query: { a: 'x y', b: undefined, c: 2 },
      schema: teamSchema,
    });

    expect(urls).toEqual(['https://example.com/podium/api/v1/teams/t?a=x+y&c=2']);
  });
});
