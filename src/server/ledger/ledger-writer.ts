/**
 * Batches ledger records off the request path. A record waits in memory at most `flushIntervalMs`
 * (or until `batchSize` accumulate); a failed write keeps the batch and retries, so a store outage
 * loses nothing until `maxPending` is reached. `close()` drains everything: a clean shutdown loses
 * no record. The crash window is what is buffered: at most one interval's worth of calls.
 *
 * A batch the store refuses for its *data* (SQLSTATE class 22/23: a NUL byte, a number out of range)
 * would fail the same way forever and block every record behind it, from every team. Such a batch is
 * bisected until the refused rows are alone; each is cleaned (sanitizeRecord) and written marked
 * `sanitized`, or, if the store still refuses it, counted as rejected and reported — never retried.
 */
import type { RequestRecord } from '../../contract/index.js';
import { isDataError } from '../store/index.js';
import { metricNames, type Metrics } from '../telemetry/index.js';
import { sanitizeRecord } from './sanitize-record.js';

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
  /** A record the store refused for its data: written cleaned (`sanitized`) or not at all (`rejected`). For the operator's log. */
  onRefused?: (refusal: LedgerRefusal) => void;
}

/** What the writer did with one record the store refused for its data. */
export interface LedgerRefusal {
  outcome: 'sanitized' | 'rejected';
  recordId: string;
  teamId: string | null;
  /** The store's reason (SQLSTATE and message). */
  reason: string;
}

type InsertOutcome = { kind: 'ok' } | { kind: 'data'; error: unknown } | { kind: 'outage'; error: unknown };

const describeError = (error: unknown): string => {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return typeof code === 'string' ? `${code}: ${message}` : message;
};

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
    const outcome = await this.insert(batch);
    let unwritten: RequestRecord[] = [];
    if (outcome.kind === 'outage') unwritten = batch;
    else if (outcome.kind === 'data') unwritten = await this.writeAround(batch);
    if (unwritten.length > 0) {
      // Put what is left back in front: order is kept and the insert is idempotent on id.
      this.pending.unshift(...unwritten);
      this.options.metrics.increment(metricNames.ledgerFailures);
    }
    this.options.metrics.set(metricNames.ledgerPending, {}, this.pending.length);
  }

  private async insert(records: readonly RequestRecord[]): Promise<InsertOutcome> {
    try {
      await this.options.sink.insertMany(records);
      this.options.metrics.increment(metricNames.ledgerWritten, {}, records.length);
      return { kind: 'ok' };
    } catch (error) {
      if (isDataError(error)) return { kind: 'data', error };
      this.options.onError?.(error);
      return { kind: 'outage', error };
    }
  }

  /**
   * Writes a batch the store refused for its data, halving it until the refused rows are alone:
   * about 2·log2(n) statements per bad row. Returns what is still unwritten when the store itself
   * fails part-way (those are retried like any batch after an outage).
   */
  private async writeAround(batch: readonly RequestRecord[]): Promise<RequestRecord[]> {
    if (batch.length === 1) return this.writeAlone(batch[0] as RequestRecord);
    const middle = Math.ceil(batch.length / 2);
    const halves = [batch.slice(0, middle), batch.slice(middle)] as const;
    for (const [index, half] of halves.entries()) {
      const later = index === 0 ? halves[1] : [];
      const outcome = await this.insert(half);
      if (outcome.kind === 'outage') return [...half, ...later];
      if (outcome.kind === 'data') {
        const left = await this.writeAround(half);
        if (left.length > 0) return [...left, ...later];
      }
    }
    return [];
  }

  private async writeAlone(record: RequestRecord): Promise<RequestRecord[]> {
    const cleaned = sanitizeRecord(record);
    // The store refused it as it was: even if cleaning changed nothing visible, it is not verbatim.
    cleaned.sanitized = true;
    const outcome = await this.insert([cleaned]);
    if (outcome.kind === 'outage') return [record];
    const refusal = { recordId: record.id, teamId: record.teamId };
    if (outcome.kind === 'ok') {
      this.options.metrics.increment(metricNames.ledgerSanitized);
      this.options.onRefused?.({ ...refusal, outcome: 'sanitized', reason: 'refused as it was, stored cleaned' });
    } else {
      this.options.metrics.increment(metricNames.ledgerRejected);
      this.options.onRefused?.({ ...refusal, outcome: 'rejected', reason: describeError(outcome.error) });
    }
    return [];
  }
}
