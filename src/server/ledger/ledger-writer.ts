/**
 * Batches ledger records off the request path. A record waits in memory at most `flushIntervalMs`
 * (or until `batchSize` accumulate); a failed write keeps the batch and retries, so a store outage
 * loses nothing until `maxPending` is reached. `close()` drains everything: a clean shutdown loses
 * no record. The crash window is what is buffered: at most one interval's worth of calls.
 */
import type { RequestRecord } from '../../contract/index.js';
import { metricNames, type Metrics } from '../telemetry/index.js';

export interface LedgerSink {
  insertMany(records: readonly RequestRecord[]): Promise<void>;
}

export interface LedgerWriterOptions {
  sink: LedgerSink;
  metrics: Metrics;
  batchSize: number;
  flushIntervalMs: number;
  /** Upper bound on buffered records while the store is failing; the oldest are dropped (and counted) beyond it. */
  maxPending?: number;
  onError?: (error: unknown) => void;
}

export class LedgerWriter {
  private pending: RequestRecord[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private closed = false;
  private readonly maxPending: number;

  constructor(private readonly options: LedgerWriterOptions) {
    this.maxPending = options.maxPending ?? 100_000;
  }

  /** Queues one record; never blocks and never throws on the request path. */
  append(record: RequestRecord): void {
    this.pending.push(record);
    if (this.pending.length > this.maxPending) {
      const dropped = this.pending.length - this.maxPending;
      this.pending.splice(0, dropped);
      this.options.metrics.increment(metricNames.ledgerDropped, {}, dropped);
    }
    this.options.metrics.set(metricNames.ledgerPending, {}, this.pending.length);
    if (this.pending.length >= this.options.batchSize) void this.flush();
    else if (!this.timer && !this.closed) {
      this.timer = setTimeout(() => void this.flush(), this.options.flushIntervalMs);
      this.timer.unref();
    }
  }

  /** Writes everything buffered so far; resolves when it is stored (or has failed and been re-queued). */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    while (this.flushing) await this.flushing;
    if (this.pending.length === 0) return;
    const batch = this.pending.splice(0, this.options.batchSize);
    this.flushing = this.write(batch).finally(() => {
      this.flushing = undefined;
    });
    await this.flushing;
    if (this.pending.length > 0 && !this.closed && !this.timer) {
      this.timer = setTimeout(() => void this.flush(), this.options.flushIntervalMs);
      this.timer.unref();
    }
  }

  /** Drains every buffered record; rejects if the store still refuses them after retries. */
  async close(): Promise<void> {
    this.closed = true;
    for (let attempt = 0; this.pending.length > 0 || this.flushing; attempt += 1) {
      const before = this.pending.length;
      await this.flush();
      if (this.pending.length >= before && attempt >= 5) {
        throw new Error(`ledger: ${this.pending.length} records could not be written at shutdown`);
      }
    }
  }

  get size(): number {
    return this.pending.length;
  }

  private async write(batch: RequestRecord[]): Promise<void> {
    try {
      await this.options.sink.insertMany(batch);
      this.options.metrics.increment(metricNames.ledgerWritten, {}, batch.length);
    } catch (error) {
      // Put the batch back in front: order is kept and the insert is idempotent on id.
      this.pending.unshift(...batch);
      this.options.metrics.increment(metricNames.ledgerFailures);
      this.options.onError?.(error);
    }
    this.options.metrics.set(metricNames.ledgerPending, {}, this.pending.length);
  }
}
