/**
 * The composition root: the only place that picks concrete drivers and wires capabilities
 * into the pipeline. Everything else receives what it needs. `startPodium` reads as the list of
 * steps; each step's wiring lives beside it in a `start-*.ts` file.
 *
 * Only configuration and the store are imported up front: the rest of the server (~400 modules,
 * most of a restart's time) loads while PostgreSQL starts, see start-store.ts and start-services.ts.
 */
import { dirname } from 'node:path';
import { loadConfig, processConfigOptions, type PodiumConfig } from './config/index.js';
import type { RunningPodium } from './start-services.js';
import { startStore } from './start-store.js';

export type { RunningPodium } from './start-services.js';

export interface StartOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  log?: (line: string) => void;
  /** Skip loading: tests pass a ready configuration. */
  config?: PodiumConfig;
  /** Wall clock for budget periods and projections; tests pass a fake one. */
  clock?: () => Date;
}

/** Loads configuration, opens the store, wires the pipeline and listens. */
export async function startPodium(options: StartOptions = {}): Promise<RunningPodium> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const defaults = processConfigOptions();
  const env = options.env ?? defaults.env;
  const config = options.config ?? (await configuredOrDiscovered(env, options.cwd ?? defaults.cwd, log));
  const configDir = config.source ? dirname(config.source) : (options.cwd ?? defaults.cwd);
  // Started first, awaited last: PostgreSQL (its own process, on the other core) and this module loading run side by side.
  const storeStarting = startStore({ config, log });
  const services = import('./start-services.js');
  // Whichever fails, the other's outcome is still observed: no unhandled rejection, no store left open.
  const [storeOutcome, servicesOutcome] = await Promise.allSettled([storeStarting, services]);
  if (storeOutcome.status === 'rejected') throw storeOutcome.reason;
  const { secret, store, label: storeLabel } = storeOutcome.value;
  try {
    if (servicesOutcome.status === 'rejected') throw servicesOutcome.reason;
    const clock = options.clock ?? (() => new Date());
    return await servicesOutcome.value.startServices({ config, configDir, env, clock, log, secret, store, storeLabel });
  } catch (error) {
    await store.close().catch(() => undefined);
    throw error;
  }
}

/** podium.yaml as loaded; without one, what the environment and local servers offer (docs/configuration.md, "First run"). */
async function configuredOrDiscovered(
  env: NodeJS.ProcessEnv,
  cwd: string,
  log: (line: string) => void,
): Promise<PodiumConfig> {
  const config = await loadConfig({ env, cwd });
  // Discovery probes local servers; with a podium.yaml it has nothing to do, and its modules are not loaded.
  if (config.source !== undefined) return config;
  const { firstRunConfig } = await import('./discovery/index.js');
  return firstRunConfig({ config, env, log });
}
