/**
 * Anthropic's error shape, in both directions: the body Podium sends to Anthropic-protocol clients,
 * and the reading of an Anthropic upstream's error (a body or a mid-stream `error` event).
 */
import { PodiumError } from '../../../contract/index.js';
import type { UpstreamErrorOptions } from '../openai/error-body.js';
import { asRecord, stringField } from '../shared/record.js';
import { fallbackMessage, parseErrorBody, podiumErrorFromUpstream } from '../shared/upstream-error.js';

export interface AnthropicErrorBody {
  type: 'error';
  error: { type: string; message: string };
}

/**
 * The `error.type` Anthropic sends for each status (docs.claude.com, "Errors"). 503 is not one of
 * Anthropic's; an unavailable upstream is what `overloaded_error` tells clients, who retry it.
 */
function anthropicErrorType(status: number): string {
  switch (status) {
    case 400:
      return 'invalid_request_error';
    case 401:
      return 'authentication_error';
    case 402:
      return 'billing_error';
    case 403:
      return 'permission_error';
    case 404:
      return 'not_found_error';
    case 413:
      return 'request_too_large';
    case 429:
      return 'rate_limit_error';
    case 503:
    case 529:
      return 'overloaded_error';
    case 504:
      return 'timeout_error';
    default:
      return status < 500 ? 'invalid_request_error' : 'api_error';
  }
}

/** The error body an Anthropic client expects, for any PodiumError (also the data of a stream `error` event). */
export function anthropicErrorBody(error: PodiumError): AnthropicErrorBody {
  return { type: 'error', error: { type: anthropicErrorType(error.status), message: error.message } };
}

/** Reads an Anthropic error body (`{ type: 'error', error: { type, message } }`) from an upstream into a PodiumError. */
export function errorFromAnthropicBody(status: number, body: unknown, options: UpstreamErrorOptions = {}): PodiumError {
  const parsed = parseErrorBody(body);
  const inner = asRecord(asRecord(parsed)?.error);
  return podiumErrorFromUpstream({
    status,
    message: stringField(inner, 'message') ?? fallbackMessage(status, parsed),
    type: stringField(inner, 'type'),
    retryAfterMs: options.retryAfterMs,
    body: parsed,
  });
}

const statusByStreamErrorType: Record<string, number> = {
  overloaded_error: 529,
  rate_limit_error: 429,
  api_error: 500,
  timeout_error: 504,
};

/**
 * The PodiumError for an `error` event that arrives after the stream started. It stays an
 * `upstream_error`, carrying the status Anthropic uses for that error type so an Anthropic client
 * is told `overloaded_error` again, and whether a fresh attempt may succeed.
 */
export function errorFromAnthropicStreamEvent(event: Record<string, unknown>): PodiumError {
  const inner = asRecord(event.error);
  const type = stringField(inner, 'type') ?? 'api_error';
  const status = statusByStreamErrorType[type];
  return new PodiumError('upstream_error', stringField(inner, 'message') ?? 'Upstream stream error.', {
    status: status ?? 502,
    retryable: status !== undefined,
    cause: event,
  });
}
