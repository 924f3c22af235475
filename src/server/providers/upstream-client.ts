/**
 * One undici Pool per upstream origin. undici's `request` avoids the WHATWG Request/Response copies
 * of global fetch (measured ~0.04 vs ~0.27 ms CPU per proxied request on this machine).
 */
import { Pool, errors as undiciErrors } from 'undici';
import type { Dispatcher } from 'undici';
import { PodiumError } from '../../contract/index.js';

export interface UpstreamRequest {
  method: 'GET' | 'POST';
  /** Path and query, e.g. `/v1/chat/completions`. */
  path: string;
  headers: Record<string, string>;
  body?: Buffer | string;
  signal: AbortSignal;
  /** Time allowed for the response headers, and then between two body chunks. */
  timeoutMs: number;
}

export interface UpstreamResponse {
  status: number;
  headers: Dispatcher.ResponseData['headers'];
  body: Dispatcher.ResponseData['body'];
}

export interface UpstreamClient {
  request(request: UpstreamRequest): Promise<UpstreamResponse>;
  close(): Promise<void>;
}

/** Maps undici's transport errors to retryable PodiumErrors that say what happened. */
export function upstreamTransportError(error: unknown, origin: string): PodiumError {
  if (error instanceof undiciErrors.HeadersTimeoutError || error instanceof undiciErrors.BodyTimeoutError) {
    return new PodiumError('upstream_timeout', `upstream ${origin} timed out`, { retryable: true, cause: error });
  }
  if (error instanceof PodiumError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? '';
  return new PodiumError('upstream_unavailable', `cannot reach upstream ${origin}: ${code || (error as Error).message}`, {
    retryable: true,
    cause: error,
  });
}

/** Creates a pooled client for one origin (scheme://host:port). */
export function createUpstreamClient(origin: string, connections: number): UpstreamClient {
  const pool = new Pool(origin, { connections, pipelining: 1, keepAliveTimeout: 30_000 });
  return {
    async request(request) {
      try {
        const response = await pool.request({
          method: request.method,
          path: request.path,
          headers: request.headers,
          body: request.body ?? null,
          signal: request.signal,
          headersTimeout: request.timeoutMs,
          bodyTimeout: request.timeoutMs,
        });
        return { status: response.statusCode, headers: response.headers, body: response.body };
      } catch (error) {
        if (request.signal.aborted) throw new PodiumError('upstream_unavailable', 'request cancelled by the client', { cause: error });
        throw upstreamTransportError(error, origin);
      }
    },
    close: () => pool.close(),
  };
}
