/**
 * An OpenAPI upstream has no connection to watch, so its health is its recent calls: ready after
 * loading, degraded after a failure (unreachable, timed out, a 5xx), down after `downAfter` failures
 * in a row, ready again at the next success. Cancelled calls say nothing about the upstream.
 */
import type { UpstreamHealth, UpstreamState } from '../../tool-upstream.js';

const downAfter = 3;

export interface CallHealth {
  succeeded(): void;
  failed(reason: string): void;
  closed(): void;
  current(): UpstreamHealth;
}

/** Health that starts `ready`; `now` is injectable for tests. */
export function createCallHealth(now: () => Date = () => new Date()): CallHealth {
  let state: UpstreamState = 'ready';
  let since = now().toISOString();
  let lastError: string | undefined;
  let failures = 0;
  const move = (next: UpstreamState) => {
    if (next === state) return;
    state = next;
    since = now().toISOString();
  };
  return {
    succeeded() {
      if (state === 'closed') return;
      failures = 0;
      move('ready');
    },
    failed(reason) {
      if (state === 'closed') return;
      failures += 1;
      lastError = reason.slice(0, 500);
      move(failures >= downAfter ? 'down' : 'degraded');
    },
    closed() {
      move('closed');
    },
    current: () => ({ state, since, ...(lastError === undefined ? {} : { lastError }) }),
  };
}
