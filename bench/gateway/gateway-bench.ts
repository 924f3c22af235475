/**
 * `npm run bench:gateway`: what Podium adds to every call, against a minimal undici proxy measured
 * in the same run on the same machine. Starts a mock upstream, the yardstick proxy and Podium (auth,
 * pricing and ledger on) as separate processes, drives each with the same closed-loop load at 1 and
 * 50 connections, and prints a table, then one JSON line (the last line, also on failure). Also measures
 * Podium's footprint with its embedded PostgreSQL: the process tree's memory idle and at the end of the
 * 50-connection phase, and the time from spawning to the first answered call, first run and restart.
 *
 * Environment: BENCH_SECONDS (measured, default 5), BENCH_WARMUP_SECONDS (default 2),
 * BENCH_TARGETS (default `yardstick,podium`; direct calls always run, they are the base of
 * "added latency"), BENCH_CPU_PROF=<dir> (write a V8 CPU profile of the Podium process there),
 * BENCH_PODIUM_RUN (default `compiled`: `node dist/cli/podium.js start` as `npm start` runs it, built by
 * `npm run bench:gateway`; `source`: the TypeScript sources under tsx, as the bench ran before),
 * BENCH_NODE_FLAGS (more Node flags for the Podium process, e.g. `--trace-gc`).
 */
import {
  buildReport,
  concurrencies,
  type ConcurrencyKey,
  type Footprint,
  type Phases,
  type TargetName,
} from './build-report.js';
import { formatTable } from './format-table.js';
import type { LoadTarget } from './load-generator.js';
import { measurePhase, type PhaseResult } from './measure-phase.js';
import { benchModel, startPodiumTarget, type PodiumRun, type PodiumTarget } from './podium-target.js';
import { preflightCall } from './preflight-call.js';
import { processTreeRss } from './process-tree-rss.js';
import { startChild, type BenchChild } from './start-child.js';
import { reportBenchFailure } from '../shared/report-failure.js';

interface Settings {
  measuredSeconds: number;
  warmupSeconds: number;
  targets: ReadonlySet<string>;
  cpuProfileDir: string | undefined;
  podiumRun: PodiumRun;
  /** BENCH_NODE_FLAGS: more Node flags for the Podium process (`--trace-gc`), space-separated. */
  podiumNodeFlags: string[];
}

function seconds(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isFinite(value) || value <= 0 || value > 600)
    throw new Error(`${name} must be a number of seconds in (0, 600], got ${raw}`);
  return value;
}

function readSettings(): Settings {
  const targets = new Set((process.env.BENCH_TARGETS ?? 'yardstick,podium').split(',').map((name) => name.trim()));
  for (const name of targets)
    if (!['direct', 'yardstick', 'podium'].includes(name)) throw new Error(`BENCH_TARGETS: unknown target "${name}"`);
  const podiumRun = process.env.BENCH_PODIUM_RUN || 'compiled';
  if (podiumRun !== 'compiled' && podiumRun !== 'source')
    throw new Error(`BENCH_PODIUM_RUN must be "compiled" or "source", got "${podiumRun}"`);
  return {
    podiumRun,
    podiumNodeFlags: (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter((flag) => flag !== ''),
    measuredSeconds: seconds('BENCH_SECONDS', 5),
    warmupSeconds: seconds('BENCH_WARMUP_SECONDS', 2),
    targets,
    cpuProfileDir: process.env.BENCH_CPU_PROF || undefined,
  };
}

// Far above what loopback can serve (a bare proxy does ~12k req/s here): a bound, not a limit.
const maxRequestsPerSecond = 100_000;

const progress = (line: string): void => {
  process.stderr.write(`bench: ${line}\n`);
};

const body = Buffer.from(JSON.stringify({ model: benchModel, messages: [{ role: 'user', content: 'hello' }] }));
const loadTarget = (origin: string, authorization: string): LoadTarget => ({
  origin,
  path: '/v1/chat/completions',
  // Same headers everywhere; the upstream and the yardstick ignore the key.
  headers: { 'content-type': 'application/json', authorization },
  body,
});

interface Contender {
  name: TargetName;
  target: LoadTarget;
  /** The process whose CPU is attributed to this target; none for direct calls. */
  child?: BenchChild;
}

/**
 * Contenders alternate within each concurrency (direct, yardstick, Podium, then the same at 50), so
 * a slow drift in the machine's background load hits the yardstick and Podium alike.
 */
async function measureAll(contenders: readonly Contender[], upstream: BenchChild, settings: Settings): Promise<Phases> {
  const { warmupSeconds, measuredSeconds } = settings;
  const results = new Map<TargetName, Partial<Record<ConcurrencyKey, PhaseResult>>>();
  for (const connections of concurrencies) {
    for (const { name, target, child } of contenders) {
      progress(`${name} at ${connections} connection(s): ${warmupSeconds} s warm-up, ${measuredSeconds} s measured`);
      const result = await measurePhase({
        target,
        connections,
        warmupMs: warmupSeconds * 1000,
        durationMs: measuredSeconds * 1000,
        maxRequests: Math.ceil(maxRequestsPerSecond * Math.max(warmupSeconds, measuredSeconds)),
        process: child,
        // The idle proxies still run timers (Podium's ledger flush): their CPU is ours too.
        bystanders: [
          upstream,
          ...contenders.flatMap((other) => (other.child && other.child !== child ? [other.child] : [])),
        ],
      });
      if (result.errors > 0)
        progress(`${name} at ${connections}: ${result.errors} error(s), first: ${result.firstError ?? '?'}`);
      if (result.otherCpuPercent > 10)
        progress(
          `WARNING: other work took ${result.otherCpuPercent.toFixed(0)}% of the CPU during ${name} at ${connections}`,
        );
      results.set(name, { ...results.get(name), [`c${connections}`]: result });
    }
  }
  const phases: Phases = {};
  for (const [name, { c1, c50 }] of results) if (c1 && c50) phases[name] = { c1, c50 };
  return phases;
}

async function run(settings: Settings, cleanups: (() => Promise<void>)[]): Promise<number> {
  const upstream = await startChild({ name: 'mock upstream', file: 'mock-upstream.ts' });
  cleanups.push(() => upstream.stop());
  const placeholderKey = `Bearer sk-bench-${'0'.repeat(40)}`;
  const contenders: Contender[] = [{ name: 'direct', target: loadTarget(upstream.url, placeholderKey) }];

  if (settings.targets.has('yardstick')) {
    const yardstick = await startChild({ name: 'yardstick', file: 'yardstick-proxy.ts', args: [upstream.url] });
    cleanups.push(() => yardstick.stop());
    contenders.push({ name: 'yardstick', target: loadTarget(yardstick.url, placeholderKey), child: yardstick });
  }
  let podium: PodiumTarget | undefined;
  if (settings.targets.has('podium')) {
    const nodeFlags = [
      ...(settings.cpuProfileDir ? ['--cpu-prof', '--cpu-prof-dir', settings.cpuProfileDir] : []),
      ...settings.podiumNodeFlags,
    ];
    const started = await startPodiumTarget({ upstreamUrl: upstream.url, nodeFlags, run: settings.podiumRun });
    cleanups.push(() => started.stop());
    podium = started;
    contenders.push({
      name: 'podium',
      target: loadTarget(started.child.url, `Bearer ${started.key}`),
      child: started.child,
    });
  }
  for (const { name, target } of contenders) {
    const headers = await preflightCall(name, target);
    if (name === 'podium' && headers['x-podium-cost-usd'] === undefined) {
      throw new Error('podium: the response has no x-podium-cost-usd header: pricing is not on');
    }
  }

  // Before any load: Podium and its database after start and the preflight call.
  const idle = podium ? await processTreeRss(podium.child.pid) : null;
  const phases = await measureAll(contenders, upstream, settings);
  // Podium at 50 connections is the last phase: this is its end.
  const afterC50 = podium ? await processTreeRss(podium.child.pid) : null;

  let ledger: { expected: number; written: number } | null = null;
  if (podium && phases.podium) {
    const expected = 1 + phases.podium.c1.totalOk + phases.podium.c50.totalOk;
    progress(`waiting for the ledger to hold ${expected} records`);
    const verified = await podium.verifyLedger(expected);
    if (verified.latestCostUsd === null)
      throw new Error('podium: the latest ledger record has no cost: pricing is not on');
    ledger = { expected, written: verified.written };
  }
  let footprint: Footprint | null = null;
  if (podium) {
    progress('restarting podium on the same data dir');
    const restart = await podium.restart();
    footprint = {
      idleRssMb: idle?.totalMb ?? null,
      c50RssMb: afterC50?.totalMb ?? null,
      idlePssMb: idle?.totalPssMb ?? null,
      c50PssMb: afterC50?.totalPssMb ?? null,
      podiumIdleRssMb: idle?.rootMb ?? null,
      podiumC50RssMb: afterC50?.rootMb ?? null,
      firstStart: podium.firstStart,
      restart,
    };
  }

  const report = buildReport({
    seconds: settings.measuredSeconds,
    warmupSeconds: settings.warmupSeconds,
    phases,
    ledger,
    footprint,
  });
  process.stdout.write(`${formatTable(report)}\n${JSON.stringify(report)}\n`);
  return report.errors > 0 ? 1 : 0;
}

async function main(): Promise<void> {
  const cleanups: (() => Promise<void>)[] = [];
  const cleanUp = async (): Promise<void> => {
    await Promise.allSettled(cleanups.reverse().map((cleanup) => cleanup()));
  };
  const fail = (error: unknown): void => reportBenchFailure('gateway', error);
  let settings: Settings;
  try {
    settings = readSettings();
  } catch (error) {
    fail(error);
    process.exitCode = 1;
    return;
  }
  // Every phase is bounded in time; this bounds the whole run, setup and teardown included.
  const budgetMs = (concurrencies.length * 3 * (settings.warmupSeconds + settings.measuredSeconds) + 180) * 1000;
  const watchdog = setTimeout(() => {
    fail(new Error(`bench did not finish within ${budgetMs / 1000} s`));
    void cleanUp().finally(() => process.exit(2));
  }, budgetMs);
  watchdog.unref();
  process.once('SIGINT', () => {
    fail(new Error('interrupted'));
    void cleanUp().finally(() => process.exit(130));
  });
  try {
    process.exitCode = await run(settings, cleanups);
  } catch (error) {
    fail(error);
    process.exitCode = 1;
  } finally {
    await cleanUp();
    clearTimeout(watchdog);
  }
}

await main();
