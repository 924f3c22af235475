/**
 * Answers a call from a stored entry, exactly as the first client received it (the same JSON bytes or
 * the same SSE text), and accounts for it as free: zero usage, zero cost, settled so the budget hold
 * taken at admission is released down to nothing.
 */
import { emptyUsage } from '../../contract/index.js';
import { relayedHeaderNames, type GatewayCall, type ResponseSink } from '../gateway/index.js';
import type { CacheEntry } from './cache-entry.js';

/** Headers that describe the call that produced the answer, not the one being answered now. */
const perCallHeaders = new Set([
  'x-podium-cost-usd',
  'x-podium-attempts',
  'x-podium-warning',
  'x-podium-cache',
  'x-podium-cache-similarity',
]);

/** The headers of a captured response worth storing with it. */
export function storableHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const kept: Record<string, string> = {};
  // The upstream's rate-limit state and request id belong to the call that produced the answer, too.
  for (const [name, value] of Object.entries(headers))
    if (!perCallHeaders.has(name.toLowerCase()) && !relayedHeaderNames.has(name.toLowerCase())) kept[name] = value;
  return kept;
}

export interface ReplayOptions {
  call: GatewayCall;
  sink: ResponseSink;
  settle: (call: GatewayCall) => void;
  entry: CacheEntry;
  status: 'hit' | 'semantic-hit';
  /** Cosine similarity of a semantic hit. */
  similarity?: number | undefined;
}

/** Sends the stored answer and marks the call as served from the cache. */
export async function replayEntry(options: ReplayOptions): Promise<void> {
  const { call, sink, entry } = options;
  call.cacheStatus = options.status;
  call.usage = emptyUsage();
  call.costUsd = 0;
  options.settle(call);
  call.status = 200;
  const headers: Record<string, string> = {
    ...entry.headers,
    'x-podium-cost-usd': '0',
    'x-podium-cache': options.status,
  };
  if (options.similarity !== undefined) headers['x-podium-cache-similarity'] = options.similarity.toFixed(4);
  if (call.warnings.length > 0) headers['x-podium-warning'] = call.warnings.join('; ');
  if (!entry.streamed) {
    sink.send(200, entry.body, headers);
    return;
  }
  sink.startStream(200, headers);
  if (!sink.write(entry.body)) await sink.drain();
  sink.end();
}
