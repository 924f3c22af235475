/**
 * One mapping from an upstream HTTP failure to a PodiumError, shared by every protocol so that a 429
 * from Gemini and a 429 from Anthropic retry the same way. Each protocol only extracts the message
 * (and any retry hint) from its own error body.
 */
import { PodiumError } from '../../../contract/index.js';

export interface UpstreamFailure {
  status: number;
  /** The provider's own message. */
  message: string;
  /** The provider's own error type or code (`rate_limit_error`, `insufficient_quota`, `RESOURCE_EXHAUSTED`). */
  type?: string | undefined;
  param?: string | undefined;
  retryAfterMs?: number | undefined;
  /** Overrides the retry decision implied by the status (a 429 for an exhausted quota never clears by itself). */
  retryable?: boolean | undefined;
  /** The parsed body, kept as the error's cause for logs. */
  body?: unknown;
}

/** Maps an upstream failure to the PodiumError the gateway retries, falls back on, or relays. */
export function podiumErrorFromUpstream(failure: UpstreamFailure): PodiumError {
  const { status, message, retryAfterMs } = failure;
  const cause = failure.body;
  const retryable = (implied: boolean): boolean => failure.retryable ?? implied;
  if (status === 401 || status === 403) {
    // The client's key was fine: Podium's provider credentials were refused. The provider's message can
    // quote part of that secret (`Incorrect API key provided: sk-abc***`), so it stays in `cause`.
    return new PodiumError(
      'upstream_error',
      `The upstream provider refused the gateway's credentials (HTTP ${status}).`,
      { cause, retryable: retryable(false) },
    );
  }
  if (status === 429)
    return new PodiumError('rate_limited', message, { cause, retryAfterMs, retryable: retryable(true) });
  if (status === 408 || status === 504)
    return new PodiumError('upstream_timeout', message, { cause, retryAfterMs, retryable: retryable(true) });
  if (status === 503 || status === 529)
    return new PodiumError('upstream_unavailable', message, { cause, retryAfterMs, retryable: retryable(true) });
  if (status >= 500)
    return new PodiumError('upstream_error', message, { cause, retryAfterMs, retryable: retryable(true) });
  if (status === 404)
    return new PodiumError('model_not_found', message, { cause, param: failure.param, retryable: retryable(false) });
  if (status === 413) return new PodiumError('body_too_large', message, { cause, retryable: retryable(false) });
  if (status === 400 || status === 422) {
    return new PodiumError('invalid_request', message, {
      cause,
      status: 400,
      param: failure.param,
      retryable: retryable(false),
    });
  }
  return new PodiumError('upstream_error', message, { cause, retryable: retryable(false) });
}

/** Parses a body that may be raw text (an HTML page from a load balancer, say) into JSON when it is JSON. */
export function parseErrorBody(body: unknown): unknown {
  if (typeof body !== 'string')
    return body instanceof Uint8Array ? parseErrorBody(new TextDecoder().decode(body)) : body;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
}

/** A readable message when the body is not the provider's JSON error shape. */
export function fallbackMessage(status: number, body: unknown): string {
  if (typeof body === 'string' && body.trim() !== '')
    return `Upstream returned HTTP ${status}: ${body.trim().slice(0, 200)}`;
  return `Upstream returned HTTP ${status}.`;
}
