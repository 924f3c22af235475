/** The admin API over HTTP: auth, validation naming the field, conflicts, the OpenAPI document. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPodium, type TestPodium } from '../testkit/index.js';

let podium: TestPodium;
beforeAll(async () => {
  podium = await startTestPodium({
    providers: { openai: 'openai' },
    modelsYaml: '  mini:\n    targets: [{ provider: openai, model: gpt-4o-mini }]\n',
  });
});
afterAll(async () => podium.close());

describe('admin API', () => {
  it('requires the admin key, and a virtual key is not one', async () => {
    expect((await fetch(`${podium.url}/api/v1/teams`)).status).toBe(401);
    const withVirtualKey = await fetch(`${podium.url}/api/v1/teams`, {
      headers: { authorization: `Bearer ${podium.key}` },
    });
    expect(withVirtualKey.status).toBe(401);
    expect(await withVirtualKey.json()).toMatchObject({
      error: { type: 'authentication_error', code: 'invalid_api_key' },
    });
  });

  it('names the field of a bad body, and refuses duplicates with 409', async () => {
    const bad = await podium.admin('POST', '/api/v1/keys', { team: 'test', allowedModels: 'mini' });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ error: { code: 'invalid_request', param: 'allowedModels' } });
    const unknownField = await podium.admin('POST', '/api/v1/teams', { name: 'x', colour: 'red' });
    expect(unknownField.status).toBe(400);
    expect((unknownField.json as { error: { message: string } }).error.message).toContain('colour');
    const duplicate = await podium.admin('POST', '/api/v1/teams', { name: 'test' });
    expect(duplicate.status).toBe(409);
    const malformed = await fetch(`${podium.url}/api/v1/teams`, {
      method: 'POST',
      headers: { authorization: `Bearer ${podium.adminKey}` },
      body: '{"name":',
    });
    expect(malformed.status).toBe(400);
  });

  it('creates projects and keys bound to them; lists never show secrets', async () => {
    expect((await podium.admin('POST', '/api/v1/projects', { team: 'test', name: 'refunds' })).status).toBe(201);
    const created = await podium.admin('POST', '/api/v1/keys', { team: 'test', project: 'refunds', name: 'bot' });
    expect(created.status).toBe(201);
    const { key, id, prefix } = created.json as { key: string; id: string; prefix: string };
    expect(key.startsWith(prefix)).toBe(true);
    const listed = await podium.admin('GET', '/api/v1/keys?team=test');
    expect(JSON.stringify(listed.json)).toContain(id);
    expect(JSON.stringify(listed.json)).not.toContain(key);
    expect((await podium.admin('GET', '/api/v1/keys/nope/revoke')).status).toBe(405);
    expect((await podium.admin('POST', '/api/v1/keys/nope/revoke')).status).toBe(404);
  });

  it('validates ledger filters', async () => {
    const bad = await podium.admin('GET', '/api/v1/requests?since=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ error: { param: 'since' } });
    expect((await podium.admin('GET', '/api/v1/requests?team=ghosts')).status).toBe(404);
  });

  it('publishes an OpenAPI 3.1 document generated from the same schemas', async () => {
    const response = await fetch(`${podium.url}/api/v1/openapi.json`);
    const document = (await response.json()) as {
      openapi: string;
      paths: Record<
        string,
        { post?: { requestBody: { content: { 'application/json': { schema: { required?: string[] } } } } } }
      >;
    };
    expect(document.openapi).toBe('3.1.0');
    expect(document.paths['/api/v1/keys']?.post?.requestBody.content['application/json'].schema.required).toEqual([
      'team',
    ]);
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/api/v1/teams', '/api/v1/requests', '/api/v1/keys/{ref}/revoke']),
    );
  });

  it('answers unknown routes with 404 in the shape of their API', async () => {
    const v1 = await fetch(`${podium.url}/v1/nothing`, { method: 'POST' });
    expect(v1.status).toBe(404);
    expect(await v1.json()).toMatchObject({ error: { type: 'invalid_request_error' } });
  });
});
