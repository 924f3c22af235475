/**
 * How busy the whole machine is, from the kernel's per-core counters. On a 2-core machine any other
 * work (a compiler, a test run) takes CPU from the processes under test and skews every figure, so
 * the bench measures, for each phase, the part of the machine's busy time that the bench's own
 * processes do not account for.
 */
import { cpus } from 'node:os';

export interface MachineCpu {
  /** Non-idle milliseconds summed over all cores since boot. */
  busyMs: number;
  /** All milliseconds summed over all cores since boot. */
  totalMs: number;
}

export function readMachineCpu(): MachineCpu {
  let idle = 0;
  let total = 0;
  for (const { times } of cpus()) {
    idle += times.idle;
    total += times.user + times.nice + times.sys + times.idle + times.irq;
  }
  return { busyMs: total - idle, totalMs: total };
}

/** Percent of the machine's capacity between two readings spent on work other than `ownMs`, 0–100. */
export function otherCpuPercent(before: MachineCpu, after: MachineCpu, ownMs: number): number {
  const totalMs = after.totalMs - before.totalMs;
  if (totalMs <= 0) return 0;
  const other = after.busyMs - before.busyMs - ownMs;
  return Math.min(100, Math.max(0, (100 * other) / totalMs));
}
