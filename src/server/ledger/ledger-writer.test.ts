import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RequestRecord } from '../../contract/index.js';
import { createGatewayMetrics, metricNames } from '../telemetry/index.js';
import { LedgerWriter, type LedgerSink } from './ledger-writer.js';

const record = (id: number): RequestRecord => ({
  id: `req_${id}`,
  at: new Date(0).toISOString(),
  orgId: null,
  teamId: null,
  projectId: null,
  keyId: null,
  surface: 'openai-chat',
  requestedModel: 'm',
  servedModel: 'm',
  provider: 'p',
  stream: false,
  status: 200,
  errorCode: null,
  tier: null,
  endUser: null,
  tags: null,
  inputTokens: 1,
  outputTokens: 1,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
  costUsd: 0.1,
  latencyMs: 1,
  overheadMs: 0.1,
  attempts: 1,
  routePolicy: null,
  routeChoice: null,
  routeReason: null,
  cacheStatus: null,
  dataFindings: null,
  usageEstimated: false,
  sanitized: false,
});

/** A sink that stores batches and can be told to fail, to exercise the writer's retry path. */
class RecordingSink implements LedgerSink {
  batches: string[][] = [];
  failuresLeft = 0;
  insertMany(records: readonly RequestRecord[]): Promise<void> {
    if (this.failuresLeft > 0) {
      this.failuresLeft -= 1;
      return Promise.reject(new Error('store down'));
    }
    this.batches.push(records.map((item) => item.id));
    return Promise.resolve();
  }
  get ids(): string[] {
    return this.batches.flat();
  }
}

describe('LedgerWriter', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('writes nothing on the request path and flushes after the interval', async () => {
    const sink = new RecordingSink();
    const writer = new LedgerWriter({ sink, metrics: createGatewayMetrics(), batchSize: 100, flushIntervalMs: 1000 });
    writer.append(record(1));
    writer.append(record(2));
    expect(sink.ids).toEqual([]);
    await vi.advanceTimersByTimeAsync(999);
    expect(sink.ids).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(sink.batches).toEqual([['req_1', 'req_2']]);
  });

  it('flushes as soon as a batch is full, in batches of at most batchSize', async () => {
    const sink = new RecordingSink();
    const writer = new LedgerWriter({ sink, metrics: createGatewayMetrics(), batchSize: 3, flushIntervalMs: 60_000 });
    for (let id = 1; id <= 7; id += 1) writer.append(record(id));
    await vi.advanceTimersByTimeAsync(0);
    await writer.close();
    expect(sink.batches.every((batch) => batch.length <= 3)).toBe(true);
    expect(sink.ids).toEqual(['req_1', 'req_2', 'req_3', 'req_4', 'req_5', 'req_6', 'req_7']);
  });

  it('keeps a failed batch, in order, and writes it once the store is back', async () => {
    const sink = new RecordingSink();
    const metrics = createGatewayMetrics();
    const writer = new LedgerWriter({ sink, metrics, batchSize: 10, flushIntervalMs: 100 });
    sink.failuresLeft = 2;
    writer.append(record(1));
    writer.append(record(2));
    await vi.advanceTimersByTimeAsync(100);
    await vi.advanceTimersByTimeAsync(100);
    expect(sink.ids).toEqual([]);
    expect(metrics.value(metricNames.ledgerFailures)).toBe(2);
    writer.append(record(3));
    await vi.advanceTimersByTimeAsync(100);
    expect(sink.ids).toEqual(['req_1', 'req_2', 'req_3']);
    expect(writer.size).toBe(0);
  });

  it('loses no record on close, and bounds memory while the store is down', async () => {
    const sink = new RecordingSink();
    const metrics = createGatewayMetrics();
    const writer = new LedgerWriter({ sink, metrics, batchSize: 1000, flushIntervalMs: 1000, maxPending: 5 });
    sink.failuresLeft = 1_000_000;
    for (let id = 1; id <= 8; id += 1) writer.append(record(id));
    expect(writer.size).toBe(5);
    expect(metrics.value(metricNames.ledgerDropped)).toBe(3);
    sink.failuresLeft = 0;
    await writer.close();
    expect(sink.ids).toEqual(['req_4', 'req_5', 'req_6', 'req_7', 'req_8']);
  });
});
