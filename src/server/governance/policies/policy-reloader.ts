/**
 * Reloads Cedar policies (and what they are validated against) without a restart: when podium.yaml or a
 * policy or decision file changes, or on demand (SIGHUP). The new set is validated in full before it replaces
 * the old; an invalid one is reported and the old set stays in force.
 */
import { stat } from 'node:fs/promises';
import type { Metrics } from '../../telemetry/index.js';
import type { PolicyCheck } from './policy-check.js';
import type { PolicyEngine } from './policy-engine.js';

/** A freshly loaded, validated policy set and what to watch from now on. */
export interface LoadedPolicySet {
  engine: PolicyEngine;
  mode: 'enforce' | 'log-only';
  /** Files whose change triggers the next reload (podium.yaml, policy files, decision includes). */
  files: readonly string[];
  /** Applied together with the policies, after validation (e.g. file-defined decision definitions). */
  apply?: (() => void) | undefined;
}

/** What asked for the reload: a changed file, SIGHUP, the API or a test, a change of the tool catalog. */
export type PolicyReloadTrigger = 'file' | 'signal' | 'manual' | 'tools';

export type PolicyReloadOutcome =
  | { trigger: PolicyReloadTrigger; ok: true; policies: number }
  | { trigger: PolicyReloadTrigger; ok: false; error: string };

export interface PolicyReloaderOptions {
  check: PolicyCheck;
  /** Re-reads the configuration and policies; throws when either is invalid. */
  load: () => Promise<LoadedPolicySet>;
  /** Files watched until the first successful reload. */
  files: readonly string[];
  /** Milliseconds between checks of the files. */
  intervalMs: number;
  metrics: Metrics;
  /** Every reload and its outcome (log, audit). */
  onOutcome: (outcome: PolicyReloadOutcome) => void;
}

const reloadsMetric = 'podium_policy_reloads_total';

async function fingerprint(files: readonly string[]): Promise<string> {
  const parts = await Promise.all(
    files.map(async (file) => {
      try {
        const info = await stat(file);
        return `${file}:${info.ino}:${info.size}:${info.mtimeMs}`;
      } catch {
        return `${file}:missing`;
      }
    }),
  );
  return parts.join('|');
}

/** Watches by polling file metadata: it survives editors that replace files and needs no inotify limits. */
export class PolicyReloader {
  private files: readonly string[];
  private seen: string | undefined;
  /** A changed fingerprint waiting one interval to prove the write finished. */
  private pending: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<PolicyReloadOutcome> | undefined;

  constructor(private readonly options: PolicyReloaderOptions) {
    this.files = options.files;
    options.metrics.define(
      reloadsMetric,
      'counter',
      'Policy reloads by trigger and outcome (applied, rejected: the previous set stays in force).',
    );
  }

  /** Starts watching; resolves once the current files are fingerprinted. */
  async start(): Promise<void> {
    this.seen = await fingerprint(this.files);
    this.timer = setInterval(() => {
      void this.checkFiles();
    }, this.options.intervalMs);
    this.timer.unref();
  }

  /** Loads, validates and swaps in the policies now; the old set stays when anything is invalid. */
  reload(trigger: PolicyReloadTrigger): Promise<PolicyReloadOutcome> {
    // One at a time; a trigger during a reload gets that reload's outcome.
    this.running ??= this.load(trigger).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  close(): void {
    clearInterval(this.timer);
  }

  /** One look at the files (the interval calls it): reloads a change that held still since the last look. */
  async checkFiles(): Promise<void> {
    if (this.running) return;
    const current = await fingerprint(this.files);
    if (current === this.seen) {
      this.pending = undefined;
      return;
    }
    // A file mid-write (truncated, half the new text) can be valid Cedar that drops a forbid: load a change
    // only once the files held still for one interval.
    if (current !== this.pending) {
      this.pending = current;
      return;
    }
    this.pending = undefined;
    // Remembered before loading: a broken file is reported once, not every interval, until it changes again.
    this.seen = current;
    await this.reload('file');
  }

  private async load(trigger: PolicyReloadTrigger): Promise<PolicyReloadOutcome> {
    let outcome: PolicyReloadOutcome;
    try {
      const loaded = await this.options.load();
      this.options.check.replace({ engine: loaded.engine, mode: loaded.mode });
      loaded.apply?.();
      this.files = loaded.files;
      this.seen = await fingerprint(loaded.files);
      outcome = { trigger, ok: true, policies: loaded.engine.policyCount };
    } catch (error) {
      outcome = { trigger, ok: false, error: error instanceof Error ? error.message : String(error) };
    }
    this.options.metrics.increment(reloadsMetric, { trigger, outcome: outcome.ok ? 'applied' : 'rejected' });
    this.options.onOutcome(outcome);
    return outcome;
  }
}
