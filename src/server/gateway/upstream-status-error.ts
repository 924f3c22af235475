/**
 * An upstream answered with an error status. Carries the raw body so a same-protocol call can
 * relay the provider's own error verbatim (clients key on its `code`), while a translated call
 * gets the message re-shaped at the edge.
 */
import { PodiumError } from '../../contract/index.js';
import type { ChatProtocol } from '../providers/index.js';

const retryableStatus = (status: number): boolean =>
  status === 408 || status === 409 || status === 429 || status >= 500;

export interface UpstreamStatusDetails {
  upstreamStatus: number;
  body: Buffer;
  protocol: ChatProtocol;
  provider: string;
  message: string;
  retryAfterMs: number | undefined;
  /** Overrides the status-based default (e.g. an exhausted quota is a 429 that waiting will not fix). */
  retryable: boolean | undefined;
  /** The upstream's headers the client may see (rate limits, request id, retry-after): see relayed-headers.ts. */
  headers?: Readonly<Record<string, string>> | undefined;
}

/**
 * 401/403 from a provider mean Podium's own provider credentials were refused: the caller's key was
 * fine, so they must not see an auth error, and the provider's body (OpenAI quotes part of the
 * secret) must not reach them. Those become a 502 that names the provider and nothing else.
 */
const isCredentialFailure = (status: number): boolean => status === 401 || status === 403;

export class UpstreamStatusError extends PodiumError {
  /** The status the caller sees: the upstream's own, except credential failures (502). */
  readonly upstreamStatus: number;
  readonly body: Buffer;
  readonly protocol: ChatProtocol;
  /** Whether the upstream's body may be relayed verbatim to a caller of the same protocol. */
  readonly relayable: boolean;

  constructor(details: UpstreamStatusDetails) {
    const credentials = isCredentialFailure(details.upstreamStatus);
    const status = credentials ? 502 : details.upstreamStatus;
    const message = credentials
      ? `provider "${details.provider}" refused Podium's credentials (HTTP ${details.upstreamStatus}); an operator must fix its apiKey`
      : `${details.provider}: ${details.message}`;
    super(details.upstreamStatus === 429 ? 'rate_limited' : 'upstream_error', message, {
      status,
      retryable: details.retryable ?? retryableStatus(details.upstreamStatus),
      retryAfterMs: details.retryAfterMs,
      cause: credentials ? new Error(details.message) : undefined,
      headers: details.headers,
    });
    this.upstreamStatus = status;
    this.body = details.body;
    this.protocol = details.protocol;
    this.relayable = !credentials;
  }
}

/**
 * Milliseconds asked for by `retry-after-ms` (OpenAI) or `retry-after` (seconds or an HTTP date).
 */
export function retryAfterFromHeaders(
  headers: Readonly<Record<string, string | string[] | undefined>>,
  now: number,
): number | undefined {
  const first = (name: string): string | undefined => {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const milliseconds = Number(first('retry-after-ms'));
  if (Number.isFinite(milliseconds) && milliseconds >= 0 && first('retry-after-ms') !== undefined) return milliseconds;
  const value = first('retry-after');
  if (value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
