/**
 * `npm run bench:budgets`: how many calls per second budget admission sustains with reservation and
 * settlement on, per counter store, and whether 1,000 concurrent reservations ever overshoot a hard limit.
 *
 * A debit is one atomic counter operation over all of a call's scopes (three here: team, project, key):
 * each admitted call costs two, its reservation and its settlement. So `admitted/s` = `debits/s` / 2.
 * Calls are closed-loop (`BENCH_CONCURRENCY` in flight, each reserve → settle → next), over loopback.
 * Shared stores are measured through the fail policy, as deployed, and directly.
 *
 * Environment: BENCH_SECONDS (per phase, default 3; PostgreSQL gets a third), BENCH_WARMUP_SECONDS
 * (default 1), BENCH_CONCURRENCY (default 200), BENCH_POSTGRES_CONCURRENCY (in flight on PostgreSQL, default
 * 20, at most BENCH_CONCURRENCY), BENCH_DRIVERS (default `memory,redis,postgres`; an
 * unreachable store is skipped with a message), BENCH_REDIS_URL (default redis://127.0.0.1:6379),
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test). Prints tables, then one JSON line
 * (the last line, also on failure).
 */
import { randomUUID } from 'node:crypto';
import { MemoryCounters, type BudgetCounters } from '../../src/server/budgets/index.js';
import { otherCpuPercent, readMachineCpu } from '../gateway/machine-cpu.js';
import { openDriver, type BenchDriver, type DriverName } from './bench-drivers.js';
import { callShape } from './call-shape.js';
import { formatOvershoot, formatThroughput, type ThroughputRow } from './format-table.js';
import { measureOvershoot, type OvershootResult } from './measure-overshoot.js';
import { measureThroughput } from './measure-throughput.js';
import { reportBenchFailure } from '../shared/report-failure.js';

const targetDebitsPerSecond = 50_000;
const overshootConcurrent = 1_000;
// Amounts are 1..1000 units (~500 on average): about a fifth of the 1,000 reservations fit.
const overshootLimitUnits = 100_000;

interface Settings {
  seconds: number;
  warmupSeconds: number;
  concurrency: number;
  postgresConcurrency: number;
  drivers: DriverName[];
  redisUrl: string;
  databaseUrl: string;
}

function numberFrom(name: string, options: { fallback: number; max: number }): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? options.fallback : Number(raw);
  if (!Number.isFinite(value) || value <= 0 || value > options.max)
    throw new Error(`${name} must be a number in (0, ${options.max}], got ${raw}`);
  return value;
}

function readSettings(): Settings {
  const drivers = (process.env.BENCH_DRIVERS ?? 'memory,redis,postgres').split(',').map((name) => name.trim());
  for (const name of drivers)
    if (!['memory', 'redis', 'postgres'].includes(name)) throw new Error(`BENCH_DRIVERS: unknown driver "${name}"`);
  return {
    seconds: numberFrom('BENCH_SECONDS', { fallback: 3, max: 600 }),
    warmupSeconds: numberFrom('BENCH_WARMUP_SECONDS', { fallback: 1, max: 600 }),
    concurrency: Math.round(numberFrom('BENCH_CONCURRENCY', { fallback: 200, max: 10_000 })),
    postgresConcurrency: Math.round(numberFrom('BENCH_POSTGRES_CONCURRENCY', { fallback: 20, max: 10_000 })),
    drivers: drivers as DriverName[],
    redisUrl: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
    databaseUrl: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
  };
}

const progress = (line: string): void => {
  process.stderr.write(`bench: ${line}\n`);
};

interface PhaseOptions {
  driver: BenchDriver;
  path: string;
  counters: BudgetCounters;
  inFlight: number;
  seconds: number;
  warmupSeconds: number;
}

/** Reserve then settle, `inFlight` calls at a time; every reservation must be admitted. */
async function measurePhase(options: PhaseOptions): Promise<ThroughputRow> {
  const { counters, driver } = options;
  const run = randomUUID().slice(0, 8);
  const shapes = Array.from({ length: options.inFlight }, (_, worker) => callShape(worker));
  progress(
    `${driver.name} ${options.path}: ${options.inFlight} in flight, ${options.warmupSeconds} s warm-up, ${options.seconds} s measured`,
  );
  let machineBefore = readMachineCpu();
  let serverBefore = 0;
  const result = await measureThroughput({
    concurrency: options.inFlight,
    warmupMs: options.warmupSeconds * 1000,
    durationMs: options.seconds * 1000,
    // CPU is sampled around the measured window only: the warm-up's work must not count against its calls.
    async beforeMeasured() {
      serverBefore = (await driver.serverCpuMs?.()) ?? 0;
      machineBefore = readMachineCpu();
    },
    async call(worker, sequence) {
      const shape = shapes[worker];
      if (shape === undefined) throw new Error(`no call shape for worker ${worker}`);
      const id = `${run}-${worker}-${sequence}`;
      const outcome = await counters.reserve(`${id}:r`, shape.debits);
      if (!outcome.ok)
        throw new Error(
          `${driver.name}: a reservation was refused (${outcome.key}): the limits are meant to be out of reach`,
        );
      await counters.adjust(`${id}:s`, shape.settlement);
    },
  });
  const machineAfter = readMachineCpu();
  const serverMs = driver.serverCpuMs === undefined ? null : (await driver.serverCpuMs()) - serverBefore;
  const debits = 2 * result.calls;
  const ownMs = result.cpuMsPerCall * result.calls + (serverMs ?? 0);
  return {
    driver: driver.name,
    path: options.path,
    inFlight: options.inFlight,
    admittedPerSecond: result.callsPerSecond,
    debitsPerSecond: 2 * result.callsPerSecond,
    clientCpuUsPerDebit: (1000 * result.cpuMsPerCall) / 2,
    serverCpuUsPerDebit: serverMs === null || debits === 0 ? null : (1000 * serverMs) / debits,
    // PostgreSQL's server processes are not attributed: their CPU would read as someone else's.
    otherCpuPercent: driver.name === 'postgres' ? null : otherCpuPercent(machineBefore, machineAfter, ownMs),
  };
}

/** The in-process debit itself: synchronous check-and-add and settlement, no promise per call. */
function measureMemoryCore(seconds: number): ThroughputRow {
  const counters = new MemoryCounters();
  const shape = callShape(0);
  const cpuBefore = process.cpuUsage();
  const machineBefore = readMachineCpu();
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let calls = 0;
  while ((calls & 1023) !== 0 || performance.now() < deadline) {
    counters.reserveNow(shape.debits);
    void counters.adjust(`core-${calls}:s`, shape.settlement);
    calls += 1;
  }
  const elapsed = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  return {
    driver: 'memory',
    path: 'sync core',
    inFlight: 1,
    admittedPerSecond: calls / elapsed,
    debitsPerSecond: (2 * calls) / elapsed,
    clientCpuUsPerDebit: (1000 * cpuMs) / (2 * calls),
    serverCpuUsPerDebit: null,
    otherCpuPercent: otherCpuPercent(machineBefore, readMachineCpu(), cpuMs),
  };
}

const figures = (row: ThroughputRow) => ({
  debitsPerSecond: Math.round(row.debitsPerSecond),
  admittedPerSecond: Math.round(row.admittedPerSecond),
  inFlight: row.inFlight,
  clientCpuUsPerDebit: row.clientCpuUsPerDebit === null ? null : Number(row.clientCpuUsPerDebit.toFixed(2)),
  serverCpuUsPerDebit: row.serverCpuUsPerDebit === null ? null : Number(row.serverCpuUsPerDebit.toFixed(2)),
  otherCpuPercent: row.otherCpuPercent === null ? null : Math.round(row.otherCpuPercent),
});

type OvershootRow = OvershootResult & { driver: DriverName; clients: number };

async function run(settings: Settings): Promise<Record<string, unknown>> {
  const rows: ThroughputRow[] = [];
  const overshoots: OvershootRow[] = [];
  const report: Record<string, unknown> = {
    bench: 'budgets',
    seconds: settings.seconds,
    concurrency: settings.concurrency,
  };

  for (const name of settings.drivers) {
    const opened = await openDriver(name, settings);
    if ('skipped' in opened) {
      progress(`SKIPPING ${opened.skipped}`);
      report[name] = { skipped: opened.skipped };
      continue;
    }
    try {
      const seconds = name === 'postgres' ? Math.max(1, settings.seconds / 3) : settings.seconds;
      const inFlight =
        name === 'postgres' ? Math.min(settings.concurrency, settings.postgresConcurrency) : settings.concurrency;
      const warmupSeconds = name === 'postgres' ? 0.5 : settings.warmupSeconds;
      const phase = (path: string, counters: BudgetCounters) =>
        measurePhase({ driver: opened, path, counters, inFlight, seconds, warmupSeconds });
      const entry: Record<string, unknown> = {};
      if (name === 'memory') {
        progress(`memory sync core: ${settings.seconds} s`);
        const core = measureMemoryCore(settings.seconds);
        const async = await phase('async', opened.counters);
        rows.push(core, async);
        Object.assign(entry, figures(async), { syncCore: figures(core) });
      } else {
        const yardstick =
          opened.yardstick === undefined ? undefined : await phase(opened.yardstick.path, opened.yardstick.counters);
        const direct = await phase('direct', opened.direct);
        const policy = await phase('fail policy', opened.counters);
        rows.push(...(yardstick === undefined ? [] : [yardstick]), direct, policy);
        Object.assign(entry, figures(policy), { direct: figures(direct) });
        if (yardstick !== undefined) {
          Object.assign(entry, {
            yardstick: figures(yardstick),
            ratioToYardstick: Number((policy.debitsPerSecond / yardstick.debitsPerSecond).toFixed(2)),
          });
        }
      }
      progress(
        `${name}: overshoot, ${overshootConcurrent} concurrent reservations over ${opened.replicas.length} client(s)`,
      );
      const overshoot = await measureOvershoot({
        clients: opened.replicas,
        concurrent: overshootConcurrent,
        limitUnits: overshootLimitUnits,
      });
      overshoots.push({ ...overshoot, driver: name, clients: opened.replicas.length });
      report[name] = entry;
    } finally {
      await opened.close();
    }
  }

  // The headline overshoot is the shared store's (several clients), the case that needs atomic scripts.
  const headline = overshoots.find((row) => row.driver === 'redis') ?? overshoots[0];
  report.overshoot = headline && {
    concurrent: headline.concurrent,
    limitUnits: headline.limitUnits,
    admitted: headline.admitted,
    overshootUnits: Math.max(...overshoots.map((row) => row.overshootUnits)),
    driver: headline.driver,
    byDriver: Object.fromEntries(
      overshoots.map((row) => [
        row.driver,
        {
          clients: row.clients,
          admitted: row.admitted,
          admittedUnits: row.admittedUnits,
          counterUnits: row.counterUnits,
          overshootUnits: row.overshootUnits,
          consistent: row.consistent,
        },
      ]),
    ),
  };
  report.targets = { debitsPerSecond: targetDebitsPerSecond, overshootUnits: 0 };
  const rate = (name: DriverName): boolean | null => {
    const entry = report[name] as { debitsPerSecond?: number } | undefined;
    return entry?.debitsPerSecond === undefined ? null : entry.debitsPerSecond >= targetDebitsPerSecond;
  };
  report.met = {
    memory: rate('memory'),
    redis: rate('redis'),
    overshoot: overshoots.length === 0 ? null : overshoots.every((row) => row.overshootUnits === 0 && row.consistent),
  };
  const busiest = Math.max(0, ...rows.map((row) => row.otherCpuPercent ?? 0));
  report.otherCpuPercentMax = Math.round(busiest);

  const notes = [
    'debits/s: atomic counter operations (a reservation or a settlement, each over 3 scopes); admitted/s = debits/s / 2.',
    'bare INCRBY script: the Redis yardstick, one key, no limit check, no idempotency.',
    'bare hot-row UPDATE: the PostgreSQL yardstick, `UPDATE … SET used = used + $1 WHERE id = $2` on one row, autocommit.',
    ...(busiest > 10
      ? [
          `WARNING: other processes took up to ${busiest.toFixed(0)}% of the machine's CPU during a phase: rerun on a quiet machine`,
        ]
      : []),
  ];
  process.stdout.write(`${formatThroughput(rows)}\n\n${formatOvershoot(overshoots)}\n\n${notes.join('\n')}\n`);
  return report;
}

async function main(): Promise<void> {
  const fail = (error: unknown): void => reportBenchFailure('budgets', error);
  let settings: Settings;
  try {
    settings = readSettings();
  } catch (error) {
    fail(error);
    process.exitCode = 1;
    return;
  }
  // Every phase is bounded in time; this bounds the whole run, setup and cleanup included.
  const budgetMs = (settings.drivers.length * 2 * (settings.warmupSeconds + settings.seconds) + 120) * 1000;
  const watchdog = setTimeout(() => {
    fail(new Error(`bench did not finish within ${budgetMs / 1000} s`));
    process.exit(2);
  }, budgetMs);
  watchdog.unref();
  try {
    const report = await run(settings);
    process.stdout.write(`${JSON.stringify(report)}\n`);
    const met = report.met as Record<string, boolean | null>;
    process.exitCode = met.overshoot === false ? 1 : 0;
  } catch (error) {
    fail(error);
    process.exitCode = 1;
  } finally {
    clearTimeout(watchdog);
  }
}

await main();
