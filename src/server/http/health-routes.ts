/**
 * Liveness and readiness. `/healthz` answers from memory: the process is up and serving HTTP (a liveness
 * probe must not fail because a dependency did, or the orchestrator restarts healthy processes in a loop).
 * `/readyz` asks each dependency, each bounded by `timeoutMs`, and answers 503 when a required one is down,
 * with a body naming every dependency's state — never its address.
 */
import { performance } from 'node:perf_hooks';
import { PodiumError } from '../../contract/index.js';
import { sendJson } from './http-server.js';
import type { Router } from './router.js';

/** One dependency's check: resolves when it answers, rejects (or takes too long) when it does not. */
export interface ReadinessProbe {
  /** Required: the process is not ready while it is down. Optional ones are reported, and degrade only. */
  required: boolean;
  check(timeoutMs: number): Promise<unknown>;
}

export interface HealthRouteOptions {
  /** Shown by `/healthz` (e.g. the store driver); nothing secret. */
  liveness: Readonly<Record<string, string>>;
  /** By dependency name (`store`, `redis`). */
  probes: Readonly<Record<string, ReadinessProbe>>;
  /** Longest a probe may take before it counts as down (default 2,000 ms). */
  timeoutMs?: number | undefined;
}

export interface DependencyState {
  status: 'up' | 'down';
  required: boolean;
  /** Why it is down, as a stable word (`timeout`, `store_unavailable`, `error`): never the driver's text. */
  reason?: string;
  latencyMs: number;
}

class ProbeTimeout extends Error {}

const reasonOf = (error: unknown): string =>
  error instanceof ProbeTimeout ? 'timeout' : error instanceof PodiumError ? error.code : 'error';

/** Runs one probe within `timeoutMs`; never throws. */
async function probe(check: ReadinessProbe, timeoutMs: number): Promise<Omit<DependencyState, 'required'>> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check.check(timeoutMs),
      new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new ProbeTimeout()), timeoutMs);
      }),
    ]);
    return { status: 'up', latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { status: 'down', reason: reasonOf(error), latencyMs: Math.round(performance.now() - started) };
  } finally {
    clearTimeout(timer);
  }
}

/** The readiness report: `ready`, `degraded` (an optional dependency is down) or `not_ready`. */
export async function readiness(
  options: HealthRouteOptions,
): Promise<{ status: 'ready' | 'degraded' | 'not_ready'; dependencies: Record<string, DependencyState> }> {
  const timeoutMs = options.timeoutMs ?? 2_000;
  const entries = await Promise.all(
    Object.entries(options.probes).map(
      async ([name, check]) => [name, { ...(await probe(check, timeoutMs)), required: check.required }] as const,
    ),
  );
  const dependencies = Object.fromEntries(entries);
  const down = entries.filter(([, state]) => state.status === 'down');
  const status = down.some(([, state]) => state.required) ? 'not_ready' : down.length > 0 ? 'degraded' : 'ready';
  return { status, dependencies };
}

/** Adds `GET /healthz` (liveness) and `GET /readyz` (readiness). */
export function addHealthRoutes(router: Router, options: HealthRouteOptions): void {
  const alive = JSON.stringify({ status: 'ok', ...options.liveness });
  router.add('GET', '/healthz', ({ response }) => {
    response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    response.end(alive);
  });
  // One probe round at a time: a burst of /readyz (several probers, a curl loop) shares it instead of
  // opening a database connection each.
  let inFlight: ReturnType<typeof readiness> | undefined;
  router.add('GET', '/readyz', async ({ response }) => {
    inFlight ??= readiness(options).finally(() => {
      inFlight = undefined;
    });
    const report = await inFlight;
    response.setHeader('cache-control', 'no-store');
    sendJson(response, report.status === 'not_ready' ? 503 : 200, report);
  });
}
