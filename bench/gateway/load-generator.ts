/**
 * A closed-loop load generator: N workers, each with its own keep-alive connection, send the next
 * request as soon as the previous response body has been read. Every run is bounded by a deadline
 * and a request count; latencies go into a preallocated Float64Array so the loop does not allocate
 * per request beyond what undici itself does.
 */
import { performance } from 'node:perf_hooks';
import { Client } from 'undici';

export interface LoadTarget {
  origin: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}

export interface LoadRun {
  durationMs: number;
  /** Upper bound on requests sent, whatever the duration. */
  maxRequests: number;
}

export interface LoadResult {
  /** Responses with status 200 and a fully read body. */
  ok: number;
  errors: number;
  firstError: string | undefined;
  elapsedMs: number;
  /** Latency of each ok response, in milliseconds; length === ok. */
  latenciesMs: Float64Array;
}

// Loopback calls answer in well under a millisecond; anything near these is a hang, not a sample.
const timeoutMs = 10_000;

export class LoadGenerator {
  private readonly clients: Client[];

  constructor(
    private readonly target: LoadTarget,
    connections: number,
  ) {
    this.clients = Array.from(
      { length: connections },
      () =>
        new Client(target.origin, {
          pipelining: 1,
          keepAliveTimeout: 60_000,
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
        }),
    );
  }

  /** Runs every worker until the deadline or the request budget is reached; keeps the connections open. */
  async run(run: LoadRun): Promise<LoadResult> {
    const latencies = new Float64Array(run.maxRequests);
    const state = { sent: 0, ok: 0, errors: 0, firstError: undefined as string | undefined };
    const started = performance.now();
    const deadline = started + run.durationMs;
    const { path, headers, body } = this.target;

    const worker = async (client: Client): Promise<void> => {
      while (state.sent < run.maxRequests && performance.now() < deadline) {
        state.sent += 1;
        const requestStarted = performance.now();
        try {
          const response = await client.request({ method: 'POST', path, headers, body });
          if (response.statusCode === 200) {
            await response.body.dump({ limit: 1024 * 1024 });
            latencies[state.ok++] = performance.now() - requestStarted;
          } else {
            const text = await response.body.text();
            state.errors += 1;
            state.firstError ??= `HTTP ${response.statusCode}: ${text.slice(0, 500)}`;
          }
        } catch (error) {
          state.errors += 1;
          state.firstError ??= (error as Error).message;
        }
      }
    };
    await Promise.all(this.clients.map(worker));
    return {
      ok: state.ok,
      errors: state.errors,
      firstError: state.firstError,
      elapsedMs: performance.now() - started,
      latenciesMs: latencies.subarray(0, state.ok),
    };
  }

  async close(): Promise<void> {
    await Promise.all(this.clients.map((client) => client.close()));
  }
}
