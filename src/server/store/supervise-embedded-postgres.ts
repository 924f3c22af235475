/**
 * Keeps Podium's own PostgreSQL running: a postmaster that exits while Podium still needs it (killed, OOM, a
 * crash) is started again on the same port, so the pool's URL stays right. Meanwhile calls fail as
 * `store_unavailable` and `/readyz` says so; the pool reconnects by itself once the server is back.
 * Restarts back off (the dead server's backends hold its shared memory for a moment, and a port taken in the
 * meantime frees up or not) and go on until Podium closes.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { EmbeddedPostgresServer } from './embedded-postgres-server.js';

export interface SupervisedPostgres {
  /** The server now running (a restart replaces it). */
  readonly current: EmbeddedPostgresServer;
  /** Restarts so far. */
  restarts(): number;
  /** Stops supervising, then stops the current server. */
  stop(): Promise<void>;
}

export interface SuperviseOptions {
  first: EmbeddedPostgresServer;
  /** Starts the server again on `port` (after clearing what the dead one left). */
  restart: (port: number) => Promise<EmbeddedPostgresServer>;
  /** Waits between attempts, the last repeated (default 0.2, 1, 2, 5 s). */
  delaysMs?: readonly number[];
  /** Each attempt's outcome (for a log); failures are retried. */
  onAttempt?: (outcome: { ok: true } | { ok: false; error: unknown }) => void;
}

const defaultDelaysMs = [200, 1_000, 2_000, 5_000];

export function superviseEmbeddedPostgres(options: SuperviseOptions): SupervisedPostgres {
  const delays = options.delaysMs ?? defaultDelaysMs;
  const port = options.first.port;
  let current = options.first;
  let closed = false;
  let restarts = 0;
  const abort = new AbortController();

  const restart = async (): Promise<void> => {
    for (let attempt = 0; !closed; attempt += 1) {
      const delay = delays[Math.min(attempt, delays.length - 1)] ?? 1_000;
      const waited = await sleep(delay, true, { signal: abort.signal }).catch(() => false);
      if (!waited || closed) return;
      try {
        const started = await options.restart(port);
        if (closed) {
          await started.stop();
          return;
        }
        current = started;
        restarts += 1;
        options.onAttempt?.({ ok: true });
        watch(started);
        return;
      } catch (error) {
        options.onAttempt?.({ ok: false, error });
      }
    }
  };
  const watch = (server: EmbeddedPostgresServer): void => {
    void server.exited.then(() => {
      if (!closed && server === current) void restart();
    });
  };
  watch(current);

  return {
    get current() {
      return current;
    },
    restarts: () => restarts,
    async stop() {
      closed = true;
      abort.abort();
      await current.stop();
    },
  };
}
