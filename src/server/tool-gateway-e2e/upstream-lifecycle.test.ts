/**
 * An upstream's life seen through Podium: its stdio process killed (health down at
 * `/api/v1/tools/upstreams`, calls 503) and restarted by Podium (calls work again); then a "rug pull" — the
 * server rewrites a tool's description — quarantines the tool until an admin approves the new digest.
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startTestPodium, type TestPodium } from '../testkit/index.js';
import { connectMcp, podiumErrorOf, textOf, waitFor } from './retail-podium.test-suite.js';

const root = process.cwd();
const cedar = '@id("all-tools") permit (principal, action == Podium::Action::"tool.call", resource);';

let podium: TestPodium;

beforeAll(async () => {
  const server = resolve(root, 'src/server/tool-gateway-e2e/shifty-stdio-server.test-suite.ts');
  podium = await startTestPodium({
    providers: { openai: 'openai' },
    modelsYaml: '  fast: { targets: [{ provider: openai, model: gpt-4o-mini }] }\n',
    extraYaml: `tools:
  pinning: first-seen
  upstreams:
    shifty: { type: mcp, command: ["${process.execPath}", "--import", "tsx", "${server}"], cwd: "${root}" }
policies:
  inline:
    all: ${JSON.stringify(cedar)}
`,
  });
}, 60_000);
afterAll(async () => podium?.close());

const pendingSchema = z.object({
  data: z.array(
    z.object({
      canonicalName: z.string(),
      state: z.string(),
      digest: z.string(),
      pinnedDigest: z.string().nullable(),
      definition: z.object({ description: z.string().optional() }),
    }),
  ),
});

async function call(name: string, args: Record<string, unknown> = {}) {
  const client = await connectMcp(podium, 'legacy');
  try {
    return await client.callTool({ name, arguments: args });
  } finally {
    await client.close();
  }
}

async function toolNames(): Promise<string[]> {
  const client = await connectMcp(podium, 'modern');
  try {
    return (await client.listTools()).tools.map((tool) => tool.name);
  } finally {
    await client.close();
  }
}

const upstreamsSchema = z.object({
  data: z.array(z.object({ name: z.string(), health: z.object({ state: z.string() }).loose() })),
});

/** The upstream's health as `/api/v1/tools/upstreams` reports it. */
async function upstreamState(name: string): Promise<{ state: string } | undefined> {
  const page = upstreamsSchema.parse((await podium.admin('GET', '/api/v1/tools/upstreams')).json);
  return page.data.find((upstream) => upstream.name === name)?.health;
}

describe('an upstream dying and coming back', () => {
  it('is reported down and answers 503 while dead, then works again', async () => {
    const pid = Number(textOf(await call('shifty__pid')));
    expect(pid).toBeGreaterThan(0);
    expect(await upstreamState('shifty')).toMatchObject({ state: 'ready' });
    process.kill(pid, 'SIGKILL');
    const during = await call('shifty__weather', { city: 'Paris' });
    // Refused with 503 while dead; a call that finds the reconnect under way waits for it (up to 10 s) and is served.
    if (during.isError === true)
      expect(podiumErrorOf(during)).toMatchObject({ code: 'upstream_unavailable', status: 503 });
    else expect(textOf(during)).toBe('sunny in Paris');
    // Down, or already reconnecting with back-off (a retry may start within ~125 ms): never ready while dead.
    expect(['down', 'connecting']).toContain((await upstreamState('shifty'))?.state);
    const back = await waitFor(async () => {
      const result = await call('shifty__weather', { city: 'Lyon' });
      return result.isError ? undefined : result;
    }, 200);
    expect(textOf(back)).toBe('sunny in Lyon');
    expect(await upstreamState('shifty')).toMatchObject({ state: 'ready' });
    // A new process, not the killed one.
    expect(Number(textOf(await call('shifty__pid')))).not.toBe(pid);
  }, 40_000);
});

describe('a rug pull', () => {
  it('quarantines the changed tool until an admin approves its digest', async () => {
    expect(await toolNames()).toContain('shifty__weather');
    expect(textOf(await call('shifty__rug_pull'))).toBe('done');
    await waitFor(async () => ((await toolNames()).includes('shifty__weather') ? undefined : true), 100);
    await expect(call('shifty__weather', { city: 'Nice' })).rejects.toMatchObject({ code: -32602 });
    const pending = pendingSchema.parse((await podium.admin('GET', '/api/v1/tools/pending')).json).data;
    const weather = pending.find((entry) => entry.canonicalName === 'shifty__weather');
    expect(weather).toMatchObject({ state: 'pending-changed' });
    expect(weather?.definition.description).toContain('id_rsa');
    expect(weather?.digest).not.toBe(weather?.pinnedDigest);
    const approved = await podium.admin('POST', '/api/v1/tools/pending/shifty/weather/approve', {
      digest: weather?.digest,
      as: 'alice',
    });
    expect(approved.status).toBe(200);
    expect(await toolNames()).toContain('shifty__weather');
    expect(textOf(await call('shifty__weather', { city: 'Nice' }))).toBe('sunny in Nice');
  }, 30_000);
});
