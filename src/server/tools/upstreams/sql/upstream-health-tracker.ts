import type { UpstreamHealth, UpstreamState } from '../../index.js';

/** Health as calls and probes find it; each change is logged once, never with the connection string. */
export class UpstreamHealthTracker {
  readonly #label: string;
  readonly #logger: ((line: string) => void) | undefined;
  readonly #now: () => Date;
  #health: UpstreamHealth;

  constructor(label: string, logger: ((line: string) => void) | undefined, now: () => Date = () => new Date()) {
    this.#label = label;
    this.#logger = logger;
    this.#now = now;
    this.#health = { state: 'connecting', since: now().toISOString() };
  }

  get current(): UpstreamHealth {
    return this.#health;
  }

  /** Moves to `state` (nothing leaves `closed`); `lastError` must already be free of secrets. */
  set(state: UpstreamState, lastError?: string): void {
    if (this.#health.state === 'closed') return;
    if (state === this.#health.state && lastError === this.#health.lastError) return;
    this.#health = { state, since: this.#now().toISOString(), ...(lastError === undefined ? {} : { lastError }) };
    this.#logger?.(`${this.#label}: ${state}${lastError === undefined ? '' : ` (${lastError})`}`);
  }
}
