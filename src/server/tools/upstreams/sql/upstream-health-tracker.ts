import type { UpstreamHealth, UpstreamState } from '../../index.js';

export interface UpstreamHealthTrackerOptions {
  /** Names the upstream in log lines. */
  label: string;
  logger?: ((line: string) => void) | undefined;
  /** How long after going down the upstream is worth probing again. */
  retryMs: number;
  now?: (() => Date) | undefined;
}

/**
 * Health as calls and probes find it. Each change is logged once, never with the connection string; while
 * down, `retryAt` says when a probe is next due, so `/readyz` does not show `down` forever to an upstream
 * nobody calls.
 */
export class UpstreamHealthTracker {
  readonly #options: UpstreamHealthTrackerOptions;
  readonly #now: () => Date;
  #health: UpstreamHealth;

  constructor(options: UpstreamHealthTrackerOptions) {
    this.#options = options;
    this.#now = options.now ?? (() => new Date());
    this.#health = { state: 'connecting', since: this.#now().toISOString() };
  }

  get current(): UpstreamHealth {
    return this.#health;
  }

  /** Down, and its `retryAt` has passed. */
  get retryDue(): boolean {
    const { state, retryAt } = this.#health;
    return state === 'down' && retryAt !== undefined && Date.parse(retryAt) <= this.#now().getTime();
  }

  /** Moves to `state` (nothing leaves `closed`); `lastError` must already be free of secrets. */
  set(state: UpstreamState, lastError?: string): void {
    const previous = this.#health;
    if (previous.state === 'closed') return;
    const now = this.#now();
    const retryAt = state === 'down' ? new Date(now.getTime() + this.#options.retryMs).toISOString() : undefined;
    const changed = state !== previous.state || lastError !== previous.lastError;
    this.#health = {
      state,
      since: changed ? now.toISOString() : previous.since,
      ...(lastError === undefined ? {} : { lastError }),
      ...(retryAt === undefined ? {} : { retryAt }),
    };
    if (changed)
      this.#options.logger?.(`${this.#options.label}: ${state}${lastError === undefined ? '' : ` (${lastError})`}`);
  }
}
