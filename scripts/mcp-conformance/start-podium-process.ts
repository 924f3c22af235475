/**
 * Starts the built Podium (`node dist/cli/podium.js start`) on a free port with a throwaway data directory and
 * server-everything as its only tool upstream, and creates a team and a virtual key through the admin API.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';

export interface PodiumProcess {
  url: string;
  key: string;
  logs: string[];
  stop(): Promise<void>;
}

const ADMIN_KEY = 'pa-conformance-admin-key-0123456789abcdef';
const keySchema = z.object({ key: z.string().min(1) });

function podiumYaml(repo: string): string {
  const everything = resolve(repo, 'node_modules/@modelcontextprotocol/server-everything/dist/index.js');
  // The provider is never called: the conformance suite only speaks MCP, but Podium requires a model section.
  return `providers:
  openai: { type: openai, apiKey: "sk-unused", baseUrl: "http://127.0.0.1:9/v1" }
models:
  fast: { targets: [{ provider: openai, model: gpt-4o-mini }] }
tools:
  pinning: first-seen
  upstreams:
    everything: { type: mcp, command: ["node", ${JSON.stringify(everything)}, "stdio"] }
`;
}

export async function startPodiumProcess(repo: string): Promise<PodiumProcess> {
  const dir = await mkdtemp(join(tmpdir(), 'podium-conformance-'));
  // Traversable (not listable) by others: when run as root, the embedded PostgreSQL runs as user postgres.
  await chmod(dir, 0o711);
  await writeFile(join(dir, 'podium.yaml'), podiumYaml(repo));
  const child: ChildProcess = spawn(process.execPath, [join(repo, 'dist/cli/podium.js'), 'start'], {
    cwd: dir,
    env: { ...process.env, PODIUM_PORT: '0', PODIUM_DATA_DIR: join(dir, 'data'), PODIUM_ADMIN_KEY: ADMIN_KEY },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`Podium did not start in 60 s:\n${logs.join('')}`)), 60_000);
    const onData = (chunk: Buffer) => {
      if (logs.length < 10_000) logs.push(chunk.toString());
      const match = /listening on (\S+)/.exec(logs.join(''));
      if (match?.[1]) {
        clearTimeout(timer);
        done(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => fail(new Error(`Podium exited (${code}):\n${logs.join('')}`)));
  });
  const admin = async (path: string, body: unknown) => {
    const response = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, json: await response.json() };
  };
  await admin('/api/v1/teams', { name: 'conformance' });
  const created = await admin('/api/v1/keys', { team: 'conformance', name: 'conformance' });
  const parsed = keySchema.safeParse(created.json);
  if (!parsed.success) throw new Error(`could not create a key (${created.status}): ${JSON.stringify(created.json)}`);
  return {
    url,
    key: parsed.data.key,
    logs,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((done) => setTimeout(done, 1000));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
