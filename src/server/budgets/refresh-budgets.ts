/**
 * Keeps a replica's budget definitions current: budgets created, replaced (a granted request) or removed
 * through the admin API on another replica are loaded within one interval, without a restart.
 */
import type { BudgetEngine } from './budget-engine.js';

export interface BudgetRefresh {
  stop(): void;
}

export interface BudgetRefreshOptions {
  engine: Pick<BudgetEngine, 'refreshIfChanged'>;
  /** Milliseconds between watermark reads: the longest another replica's change goes unseen. */
  intervalMs: number;
  onError: (error: unknown) => void;
}

/** Polls the definitions' watermark (one small query) and reloads only when it moved. */
export function startBudgetRefresh(options: BudgetRefreshOptions): BudgetRefresh {
  let running = false;
  const timer = setInterval(() => {
    // One at a time: a slow database must not pile reloads up.
    if (running) return;
    running = true;
    options.engine
      .refreshIfChanged()
      .catch(options.onError)
      .finally(() => {
        running = false;
      });
  }, options.intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
