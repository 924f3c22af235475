/**
 * How busy the machine is while the bench's own processes sit idle: the share of all cores' time
 * spent outside the idle state over a short window. Other work on a 2-core machine (a compiler, a
 * test run) takes CPU from the processes under test and skews every figure, so it is reported.
 */
import { cpus } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';

function totals(): { idle: number; all: number } {
  let idle = 0;
  let all = 0;
  for (const { times } of cpus()) {
    idle += times.idle;
    all += times.user + times.nice + times.sys + times.idle + times.irq;
  }
  return { idle, all };
}

/** Percent of total CPU capacity in use during `windowMs`, 0–100. */
export async function sampleBackgroundCpu(windowMs = 1000): Promise<number> {
  const before = totals();
  await sleep(windowMs);
  const after = totals();
  const all = after.all - before.all;
  return all > 0 ? (100 * (all - (after.idle - before.idle))) / all : 0;
}
