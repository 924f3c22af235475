/**
 * `npm run bench:tools`: a governed `tools/call` through Podium's `/mcp` against calling the same warm upstream
 * directly, in the same run, with the same official client: added p50 / p99 at 1 caller, calls/s at 1 and 50
 * callers, Podium's CPU per call. Podium runs compiled (as `npm start` does) with a Cedar policy on tool calls,
 * a requests budget on the team and its audit trail and ledger on. The last line is one JSON object.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/client';
import { createdKeySchema } from '../../src/contract/index.js';
import { startPodiumProcess } from '../gateway/start-podium-process.js';
import { connectCaller, percentile, runCallLoad, type CallLoadResult } from './call-load.js';
import { startEchoUpstream } from './echo-upstream.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const warmupSeconds = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
const targets = { addedP50MsC1: 0.5, addedP99MsC1: 2, throughputRatioC50: 0.7 } as const;

const podiumYaml = (upstreamUrl: string): string => `# Written by bench/tools
tools:
  pinning: first-seen
  upstreams:
    bench: { type: mcp, url: "${upstreamUrl}" }
budgets:
  definitions:
    - { id: bench-requests, scope: { kind: team, value: bench }, unit: requests, limit: 1000000000, period: month }
policies:
  inline:
    tools.cedar: |
      @id("bench-may-call-tools")
      permit(principal, action == Podium::Action::"tool.call", resource);
`;

async function admin(url: string, adminKey: string, body: unknown): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return response.json();
}

interface Phase {
  callers: number;
  callsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

const phaseOf = (result: CallLoadResult): Phase => ({
  callers: result.callers,
  callsPerSecond: Math.round((result.calls * 1000) / result.elapsedMs),
  p50Ms: Number(percentile(result.latenciesMs, 0.5).toFixed(3)),
  p99Ms: Number(percentile(result.latenciesMs, 0.99).toFixed(3)),
  errors: result.errors,
});

async function measure(clients: readonly Client[], tool: string): Promise<CallLoadResult> {
  await runCallLoad({ clients, tool, durationMs: warmupSeconds * 1000 });
  return runCallLoad({ clients, tool, durationMs: seconds * 1000 });
}

async function main(): Promise<void> {
  const upstream = await startEchoUpstream();
  const workDir = await mkdtemp(join(tmpdir(), 'podium-tools-bench-'));
  // As root, the embedded PostgreSQL runs as `postgres`, which must pass through (mkdtemp makes 0700).
  await chmod(workDir, 0o711);
  await writeFile(join(workDir, 'podium.yaml'), podiumYaml(upstream.url));
  const adminKey = randomBytes(24).toString('base64url');
  const podium = await startPodiumProcess({
    cwd: workDir,
    env: {
      ...process.env,
      PODIUM_ADMIN_KEY: adminKey,
      PODIUM_HOST: '127.0.0.1',
      PODIUM_PORT: '0',
      PODIUM_DATA_DIR: join(workDir, 'data'),
      PODIUM_CONFIG: undefined,
    },
    // `BENCH_NODE_FLAGS="--cpu-prof --cpu-prof-dir=/tmp/prof"` profiles Podium.
    nodeFlags: process.env.BENCH_NODE_FLAGS?.split(' ').filter((flag) => flag !== ''),
    startTimeoutMs: 60_000,
  });
  const opened: Client[] = [];
  try {
    await admin(`${podium.url}/api/v1/teams`, adminKey, { name: 'bench' });
    const { key } = createdKeySchema.parse(
      await admin(`${podium.url}/api/v1/keys`, adminKey, { team: 'bench', name: 'tools-bench' }),
    );
    const open = async (url: string, credential: string | undefined, count: number): Promise<Client[]> => {
      const clients = await Promise.all(Array.from({ length: count }, () => connectCaller(url, credential)));
      opened.push(...clients);
      return clients;
    };
    const direct1 = await open(upstream.url, undefined, 1);
    const governed1 = await open(`${podium.url}/mcp`, key, 1);
    // Proves the governed path is really governed and reaches the upstream before anything is timed.
    const listed = await governed1[0]?.listTools();
    if (!listed?.tools.some((tool) => tool.name === 'bench__echo')) throw new Error('bench__echo is not listed');
    const direct50 = await open(upstream.url, undefined, 50);
    const governed50 = await open(`${podium.url}/mcp`, key, 50);

    const directC1 = await measure(direct1, 'echo');
    const cpuBeforeC1 = (await podium.cpu()).totalMs;
    const governedC1 = await measure(governed1, 'bench__echo');
    const cpuC1 = (await podium.cpu()).totalMs - cpuBeforeC1;
    const directC50 = await measure(direct50, 'echo');
    const cpuBeforeC50 = (await podium.cpu()).totalMs;
    const governedC50 = await measure(governed50, 'bench__echo');
    const cpuC50 = (await podium.cpu()).totalMs - cpuBeforeC50;

    const phases = {
      direct: { c1: phaseOf(directC1), c50: phaseOf(directC50) },
      governed: { c1: phaseOf(governedC1), c50: phaseOf(governedC50) },
    };
    // CPU is measured over warm-up and phase together: divide by the calls of both.
    const callsC1 = governedC1.calls + governedC1.errors;
    const callsC50 = governedC50.calls + governedC50.errors;
    const added = {
      p50MsC1: Number((phases.governed.c1.p50Ms - phases.direct.c1.p50Ms).toFixed(3)),
      p99MsC1: Number((phases.governed.c1.p99Ms - phases.direct.c1.p99Ms).toFixed(3)),
      p50MsC50: Number((phases.governed.c50.p50Ms - phases.direct.c50.p50Ms).toFixed(3)),
    };
    const throughputRatioC50 = Number(
      (phases.governed.c50.callsPerSecond / phases.direct.c50.callsPerSecond).toFixed(3),
    );
    const report = {
      bench: 'tools',
      seconds,
      warmupSeconds,
      callers: 'one official client per caller, each on its own connection, closed loop',
      phases,
      added,
      throughputRatioC50,
      podiumCpuMsPerCall: {
        c1: Number((cpuC1 / Math.max(1, callsC1 * (1 + warmupSeconds / seconds))).toFixed(3)),
        c50: Number((cpuC50 / Math.max(1, callsC50 * (1 + warmupSeconds / seconds))).toFixed(3)),
      },
      targets,
      met: {
        addedP50MsC1: added.p50MsC1 <= targets.addedP50MsC1,
        addedP99MsC1: added.p99MsC1 <= targets.addedP99MsC1,
        throughputRatioC50: throughputRatioC50 >= targets.throughputRatioC50,
      },
      upstreamCalls: upstream.calls(),
    };
    const rows = [
      ['', 'calls/s', 'p50 ms', 'p99 ms', 'errors'],
      ...(['direct', 'governed'] as const).flatMap((name) =>
        (['c1', 'c50'] as const).map((phase) => {
          const figures = phases[name][phase];
          return [`${name} ${phase}`, figures.callsPerSecond, figures.p50Ms, figures.p99Ms, figures.errors].map(String);
        }),
      ),
    ];
    for (const row of rows) console.log(row.map((cell) => cell.padEnd(14)).join(''));
    console.log(
      `added at 1 caller: p50 ${added.p50MsC1} ms, p99 ${added.p99MsC1} ms; governed/direct calls/s at 50: ${throughputRatioC50}`,
    );
    console.log(JSON.stringify(report));
  } finally {
    await Promise.allSettled(opened.map((client) => client.close()));
    await podium.stop();
    await upstream.close();
    await rm(workDir, { recursive: true, force: true });
  }
}

await main();
