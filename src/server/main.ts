/**
 * The composition root: the only place that picks concrete drivers and wires capabilities
 * into the pipeline. Everything else receives what it needs. `startPodium` reads as the list of
 * steps; each step's wiring lives beside it in a `start-*.ts` file.
 *
 * Only configuration and the store are imported up front: the rest of the server (~400 modules,
 * most of a restart's time) loads while PostgreSQL starts (start-store.ts), then start-services.ts wires it.
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
  // The store loads the server's modules while its PostgreSQL starts (start-store.ts): what is left here is small.
  const { secret, store, label: storeLabel } = await startStore({ config, log });
  try {
    const { startServices } = await import('./start-services.js');
    const clock = options.clock ?? (() => new Date());
    return await startServices({ config, configDir, env, clock, log, secret, store, storeLabel });
  } catch (error) {
    // Nothing else holds the store yet: a failed start must not leave its PostgreSQL running.
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
