/**
 * Shared by the tool gateway's end-to-end tests: a real Podium with τ-bench's retail shop as a stdio MCP
 * upstream, the official client connected to its `/mcp` in either protocol era, and small readers for
 * what a client gets back. Skips (with a message) when the shared retail data is not on this machine.
 */
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { z } from 'zod';
import { retailDataDirectory, retailDataMissing, startTestPodium, type TestPodium } from '../testkit/index.js';

const root = process.cwd();

/** Whether τ-bench's retail data is present; tests skip without it. */
export const retailDataPresent = retailDataDirectory() !== undefined;
if (!retailDataPresent) console.warn(retailDataMissing);

/** Starts a Podium whose `retail` upstream is the stdio shop, with `cedar` as its only policies. */
export async function startRetailPodium(input: {
  cedar: string;
  toolsYaml?: string;
  extraYaml?: string;
}): Promise<TestPodium> {
  const server = `${root}/src/server/testkit/tau-retail/tau-retail-stdio.ts`;
  return startTestPodium({
    providers: { openai: 'openai' },
    modelsYaml: '  fast: { targets: [{ provider: openai, model: gpt-4o-mini }] }\n',
    extraYaml: `tools:
  pinning: first-seen
${input.toolsYaml ?? ''}  upstreams:
    retail: { type: mcp, command: ["node", "--import", "tsx", "${server}"], cwd: "${root}" }
policies:
  inline:
    retail: ${JSON.stringify(input.cedar)}
${input.extraYaml ?? ''}`,
  });
}

/** The official client on `/mcp`: `legacy` negotiates 2025-11-25, `modern` pins 2026-07-28. */
export async function connectMcp(podium: TestPodium, era: 'legacy' | 'modern'): Promise<Client> {
  const client = new Client(
    { name: 'gateway-e2e', version: '1.0.0' },
    era === 'modern' ? { versionNegotiation: { mode: { pin: '2026-07-28' } } } : {},
  );
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${podium.url}/mcp`), {
      requestInit: { headers: { authorization: `Bearer ${podium.key}` } },
    }),
  );
  return client;
}

/** The official client over stdio, through `podium mcp` (the CLI bridge) to `podium`'s `/mcp`. */
export async function connectStdio(podium: TestPodium, era: 'legacy' | 'modern'): Promise<Client> {
  const client = new Client(
    { name: 'gateway-e2e-stdio', version: '1.0.0' },
    era === 'modern' ? { versionNegotiation: { mode: { pin: '2026-07-28' } } } : {},
  );
  await client.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: ['--import', 'tsx', 'src/cli/podium.ts', 'mcp', '--url', podium.url],
      cwd: root,
      // The SDK adds its safe default environment (PATH, HOME…) to this.
      env: { PODIUM_KEY: podium.key },
      stderr: 'pipe',
    }),
  );
  return client;
}

/** A tool result's text parts, joined. */
export const textOf = (result: unknown): string =>
  z
    .object({ content: z.array(z.object({ type: z.string(), text: z.string().optional() })) })
    .parse(result)
    .content.map((part) => part.text ?? '')
    .join('');

/** `_meta["podium/error"]` of an `isError` result (throws when the result is not one). */
export const podiumErrorOf = (result: unknown): { code: string; status: number } =>
  z
    .object({
      isError: z.literal(true),
      _meta: z.object({ 'podium/error': z.object({ code: z.string(), status: z.number() }) }),
    })
    .parse(result)._meta['podium/error'];

/** Polls `read` until it yields a value (bounded: 100 tries, `intervalMs` apart). */
export async function waitFor<T>(read: () => Promise<T | undefined>, intervalMs = 50): Promise<T> {
  for (let tries = 0; tries < 100; tries += 1) {
    const value = await read();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`waited ${String(100 * intervalMs)} ms for a value that never came`);
}
