/**
 * Turns measured phases into the bench's figures: added latency against direct calls at the same
 * concurrency, ratios of Podium to the yardstick measured in the same run, and the targets.
 */
import type { PhaseResult } from './measure-phase.js';

export const concurrencies = [1, 50] as const;
export type Concurrency = (typeof concurrencies)[number];
export type ConcurrencyKey = `c${Concurrency}`;
export type TargetName = 'direct' | 'yardstick' | 'podium';
export type Phases = Partial<Record<TargetName, Record<ConcurrencyKey, PhaseResult>>>;

export interface Figures {
  connections: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** Through the proxy minus direct to the upstream, same concurrency; null for direct itself. */
  addedP50Ms: number | null;
  addedP99Ms: number | null;
  cpuMsPerRequest: number | null;
  /** Machine CPU used by processes outside the bench during the window; above ~10 % the figures are skewed. */
  otherCpuPercent: number;
  errors: number;
}

/** From the issue: per process, on the 2-core bench machine. */
export const targets = { rpsC50: 5000, cpuMsPerRequest: 0.15, addedP50MsC1: 0.3 } as const;

/** Podium with its embedded PostgreSQL: memory of the whole process tree, and how long a start takes. */
export interface Footprint {
  /** Podium plus its database processes, after start and one call, before any load. */
  idleRssMb: number | null;
  /** The same, right at the end of the 50-connection phase. */
  c50RssMb: number | null;
  /** The same two, by PSS (shared pages counted once rather than per process). */
  idlePssMb: number | null;
  c50PssMb: number | null;
  /** Of which the Podium (Node) process alone, at the same moments. */
  podiumIdleRssMb: number | null;
  podiumC50RssMb: number | null;
  /** Empty data dir (initdb included): to listening, and to the first answered call. */
  firstStart: { listeningMs: number; firstCallMs: number };
  /** Same data dir, after a clean stop. */
  restart: { listeningMs: number; firstCallMs: number };
}

/** From issue 11, for Podium and its PostgreSQL together on the 2-core bench machine. */
export const footprintTargets = {
  idleRssMb: 200,
  c50RssMb: 400,
  firstStartMs: 3000,
  restartMs: 1000,
  addedP99MsC1: 2,
} as const;

export interface Report {
  bench: 'gateway';
  seconds: number;
  warmupSeconds: number;
  direct: Record<ConcurrencyKey, Figures> | null;
  yardstick: Record<ConcurrencyKey, Figures> | null;
  podium: Record<ConcurrencyKey, Figures> | null;
  /** Podium ÷ yardstick: rps above 1 is faster; cpu and latency above 1 cost more. */
  ratios: { rpsC50: number | null; cpuPerRequest: number | null; addedP50C1: number | null };
  targets: typeof targets;
  /** `cpuMsPerRequest` is judged at 50 connections, the throughput the target is about. */
  met: { rpsC50: boolean; cpuMsPerRequest: boolean; addedP50MsC1: boolean } | null;
  errors: number;
  ledger: { expected: number; written: number } | null;
  footprint: Footprint | null;
  footprintTargets: typeof footprintTargets;
}

const round = (value: number, digits: number): number => Number(value.toFixed(digits));
const roundOrNull = (value: number | null, digits: number): number | null =>
  value === null || !Number.isFinite(value) ? null : round(value, digits);
const ratio = (numerator: number | null | undefined, denominator: number | null | undefined): number | null =>
  numerator == null || denominator == null || denominator === 0 ? null : round(numerator / denominator, 3);

function figuresOf(phases: Phases, name: TargetName): Record<ConcurrencyKey, Figures> | null {
  const measured = phases[name];
  if (!measured) return null;
  const entry = (key: ConcurrencyKey): Figures => {
    const phase = measured[key];
    const direct = name === 'direct' ? undefined : phases.direct?.[key];
    return {
      connections: phase.connections,
      rps: round(phase.rps, 0),
      p50Ms: round(phase.p50Ms, 3),
      p99Ms: round(phase.p99Ms, 3),
      addedP50Ms: direct ? round(phase.p50Ms - direct.p50Ms, 3) : null,
      addedP99Ms: direct ? round(phase.p99Ms - direct.p99Ms, 3) : null,
      cpuMsPerRequest: roundOrNull(phase.cpuMsPerRequest, 4),
      otherCpuPercent: round(phase.otherCpuPercent, 1),
      errors: phase.errors,
    };
  };
  return { c1: entry('c1'), c50: entry('c50') };
}

export interface BuildReportInput {
  seconds: number;
  warmupSeconds: number;
  phases: Phases;
  ledger: { expected: number; written: number } | null;
  footprint?: Footprint | null;
}

export function buildReport(input: BuildReportInput): Report {
  const direct = figuresOf(input.phases, 'direct');
  const yardstick = figuresOf(input.phases, 'yardstick');
  const podium = figuresOf(input.phases, 'podium');
  const errors = [direct, yardstick, podium].reduce(
    (sum, figures) => sum + (figures ? figures.c1.errors + figures.c50.errors : 0),
    0,
  );
  return {
    bench: 'gateway',
    seconds: input.seconds,
    warmupSeconds: input.warmupSeconds,
    direct,
    yardstick,
    podium,
    ratios: {
      rpsC50: ratio(podium?.c50.rps, yardstick?.c50.rps),
      cpuPerRequest: ratio(podium?.c50.cpuMsPerRequest, yardstick?.c50.cpuMsPerRequest),
      addedP50C1: ratio(podium?.c1.addedP50Ms, yardstick?.c1.addedP50Ms),
    },
    targets,
    met: podium
      ? {
          rpsC50: podium.c50.rps >= targets.rpsC50,
          cpuMsPerRequest: podium.c50.cpuMsPerRequest !== null && podium.c50.cpuMsPerRequest <= targets.cpuMsPerRequest,
          addedP50MsC1: podium.c1.addedP50Ms !== null && podium.c1.addedP50Ms <= targets.addedP50MsC1,
        }
      : null,
    errors,
    ledger: input.ledger,
    footprint: input.footprint ?? null,
    footprintTargets,
  };
}
