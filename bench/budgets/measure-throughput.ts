/**
 * Closed-loop load: `concurrency` workers each await one call after another until the time is up (or a
 * call budget is spent), then the rate is what completed over the time it took. Warm-up calls run first
 * and are not counted (JIT, connection pools, Redis script cache).
 */
export interface ThroughputOptions {
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  /** One call; `worker` and `sequence` make operation ids unique without shared state. */
  call: (worker: number, sequence: number) => Promise<void>;
  /** Stops early once this many calls completed (keeps a fast driver from running for nothing). */
  maxCalls?: number | undefined;
  /** Runs between the warm-up and the measured run (sampling counters that cover the window). */
  beforeMeasured?: (() => Promise<void>) | undefined;
}

export interface ThroughputResult {
  calls: number;
  seconds: number;
  callsPerSecond: number;
  /** Main-thread CPU per call, ms (user + system of this process). */
  cpuMsPerCall: number;
}

async function runFor(
  options: ThroughputOptions,
  durationMs: number,
  sequenceBase: number,
): Promise<{ calls: number; ms: number; cpuMs: number }> {
  let calls = 0;
  const maxCalls = options.maxCalls ?? Number.POSITIVE_INFINITY;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const deadline = started + durationMs;
  const workers = Array.from({ length: options.concurrency }, async (_, worker) => {
    let sequence = sequenceBase;
    while (performance.now() < deadline && calls < maxCalls) {
      await options.call(worker, sequence);
      sequence += 1;
      calls += 1;
    }
  });
  await Promise.all(workers);
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  return { calls, ms, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/** Warm-up, then the measured run. */
export async function measureThroughput(options: ThroughputOptions): Promise<ThroughputResult> {
  if (options.warmupMs > 0) await runFor(options, options.warmupMs, 0);
  await options.beforeMeasured?.();
  const { calls, ms, cpuMs } = await runFor(options, options.durationMs, 1_000_000_000);
  return {
    calls,
    seconds: ms / 1000,
    callsPerSecond: calls / (ms / 1000),
    cpuMsPerCall: calls === 0 ? 0 : cpuMs / calls,
  };
}
