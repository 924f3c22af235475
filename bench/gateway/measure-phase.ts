/**
 * One phase: a target at one concurrency. A warm-up run (JIT, connection pools, caches) whose
 * figures are discarded, then a measured run bracketed by CPU samples of the process under test,
 * so its CPU time per request covers exactly the measured window.
 */
import { LoadGenerator, type LoadTarget } from './load-generator.js';
import { otherCpuPercent, readMachineCpu } from './machine-cpu.js';
import type { BenchChild } from './start-child.js';
import { summarizeLatencies, type LatencySummary } from './summarize-latencies.js';

export interface PhaseOptions {
  target: LoadTarget;
  connections: number;
  warmupMs: number;
  durationMs: number;
  maxRequests: number;
  /** The process whose CPU is attributed to the target; none for direct calls. */
  process?: BenchChild;
  /** The bench's other children (the upstream): their CPU is ours, not "other work". */
  bystanders: readonly BenchChild[];
}

export interface PhaseResult extends LatencySummary {
  connections: number;
  /** Successful (200) responses in the measured run. */
  requests: number;
  /** Failed responses in warm-up and measured runs together. */
  errors: number;
  firstError: string | undefined;
  /** Successful responses in warm-up and measured runs together (what the ledger must hold). */
  totalOk: number;
  /** CPU ms of the process under test per successful measured request; null when not attributable. */
  cpuMsPerRequest: number | null;
  /** Share of the machine's CPU used by processes outside the bench during the measured window. */
  otherCpuPercent: number;
}

const sumCpuMs = async (children: readonly BenchChild[]): Promise<number> =>
  (await Promise.all(children.map((child) => child.cpu()))).reduce((sum, sample) => sum + sample.totalMs, 0);

const parentCpuMs = (): number => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

/** Runs warm-up then the measured window; always closes its connections. */
export async function measurePhase(options: PhaseOptions): Promise<PhaseResult> {
  const generator = new LoadGenerator(options.target, options.connections);
  try {
    const warmup = await generator.run({ durationMs: options.warmupMs, maxRequests: options.maxRequests });
    const bystandersBefore = await sumCpuMs(options.bystanders);
    const cpuBefore = await options.process?.cpu();
    const parentBefore = parentCpuMs();
    const machineBefore = readMachineCpu();
    const measured = await generator.run({ durationMs: options.durationMs, maxRequests: options.maxRequests });
    const machineAfter = readMachineCpu();
    const parentMs = parentCpuMs() - parentBefore;
    const cpuAfter = await options.process?.cpu();
    const bystandersMs = (await sumCpuMs(options.bystanders)) - bystandersBefore;
    const cpuMs = cpuBefore && cpuAfter ? cpuAfter.totalMs - cpuBefore.totalMs : undefined;
    return {
      ...summarizeLatencies(measured),
      connections: options.connections,
      requests: measured.ok,
      errors: warmup.errors + measured.errors,
      firstError: warmup.firstError ?? measured.firstError,
      totalOk: warmup.ok + measured.ok,
      cpuMsPerRequest: cpuMs !== undefined && measured.ok > 0 ? cpuMs / measured.ok : null,
      otherCpuPercent: otherCpuPercent(machineBefore, machineAfter, parentMs + bystandersMs + (cpuMs ?? 0)),
    };
  } finally {
    await generator.close();
  }
}
