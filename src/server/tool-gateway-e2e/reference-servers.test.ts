/**
 * Real npm MCP servers, unmodified, behind Podium: `@modelcontextprotocol/server-everything` and
 * `@modelcontextprotocol/server-filesystem` as stdio upstreams, listed and called through `/mcp` with the
 * official client in both eras over Streamable HTTP, and over stdio through `podium mcp`.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPodium, type TestPodium } from '../testkit/index.js';
import { connectMcp, connectStdio, textOf } from './retail-podium.test-suite.js';

const root = process.cwd();
const packages = resolve(root, 'node_modules/@modelcontextprotocol');
const cedar = '@id("all-tools") permit (principal, action == Podium::Action::"tool.call", resource);';

let podium: TestPodium;
let files: string;

beforeAll(async () => {
  files = await mkdtemp(join(tmpdir(), 'podium-e2e-files-'));
  await writeFile(join(files, 'hello.txt'), 'hello from disk\n');
  const node = process.execPath;
  podium = await startTestPodium({
    providers: { openai: 'openai' },
    modelsYaml: '  fast: { targets: [{ provider: openai, model: gpt-4o-mini }] }\n',
    // get-env would hand the caller the upstream's environment: excluded, as an operator would.
    extraYaml: `tools:
  pinning: first-seen
  upstreams:
    everything: { type: mcp, command: ["${node}", "${packages}/server-everything/dist/index.js", "stdio"], exclude: ["get-env"] }
    files: { type: mcp, command: ["${node}", "${packages}/server-filesystem/dist/index.js", "${files}"] }
policies:
  inline:
    all: ${JSON.stringify(cedar)}
`,
  });
}, 60_000);
afterAll(async () => podium?.close());

const transports = {
  http: (era: 'legacy' | 'modern') => connectMcp(podium, era),
  stdio: (era: 'legacy' | 'modern') => connectStdio(podium, era),
};

describe.each([
  ['http', 'legacy'],
  ['http', 'modern'],
  ['stdio', 'legacy'],
  ['stdio', 'modern'],
] as const)('reference servers over %s, %s era', (transport, era) => {
  it('lists both servers’ tools as upstream__tool in order and calls them', async () => {
    const client = await transports[transport](era);
    try {
      expect(client.getNegotiatedProtocolVersion()).toBe(era === 'legacy' ? '2025-11-25' : '2026-07-28');
      const names = (await client.listTools()).tools.map((tool) => tool.name);
      expect(names).toEqual([...names].sort());
      expect(names).toEqual(
        expect.arrayContaining([
          'everything__echo',
          'everything__get-sum',
          'files__list_directory',
          'files__read_text_file',
        ]),
      );
      expect(names).not.toContain('everything__get-env');
      const echo = await client.callTool({ name: 'everything__echo', arguments: { message: `hi ${era}` } });
      expect(textOf(echo)).toBe(`Echo: hi ${era}`);
      const sum = await client.callTool({ name: 'everything__get-sum', arguments: { a: 2, b: 3 } });
      expect(textOf(sum)).toContain('5');
      const read = await client.callTool({
        name: 'files__read_text_file',
        arguments: { path: join(files, 'hello.txt') },
      });
      expect(textOf(read)).toContain('hello from disk');
      // The filesystem server's own sandbox still holds behind Podium.
      const outside = await client.callTool({ name: 'files__read_text_file', arguments: { path: '/etc/passwd' } });
      expect(outside.isError).toBe(true);
      expect(textOf(outside)).not.toContain('root:');
    } finally {
      await client.close();
    }
  }, 30_000);
});
