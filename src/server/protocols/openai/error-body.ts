/**
 * OpenAI's error shape, in both directions: the body Podium sends to OpenAI-protocol clients, and the
 * reading of an OpenAI (or OpenAI-compatible) upstream's error.
 */
import type { ErrorCode, PodiumError } from '../../../contract/index.js';
import { asRecord, stringField } from '../shared/record.js';
import { fallbackMessage, parseErrorBody, podiumErrorFromUpstream } from '../shared/upstream-error.js';

export interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

/**
 * `type` and `code` per Podium code. Where OpenAI has a case of its own the values are what its API
 * really sends: a wrong key is 401 `invalid_request_error` / `invalid_api_key` (not an
 * `authentication_error`), an unknown model is 404 `invalid_request_error` / `model_not_found`, a
 * rate limit is 429 with `type` naming the exhausted limit (`requests` or `tokens`) and code
 * `rate_limit_exceeded`, a server fault is 500 `server_error` with a null code. Codes OpenAI has no
 * equivalent for (a key revoked in Podium, a model the key may not use) keep OpenAI's types and use
 * Podium's code, so clients still branch on `type` as they do today.
 */
const openAIKinds: Record<ErrorCode, { type: string; code: string | null }> = {
  invalid_json: { type: 'invalid_request_error', code: null },
  invalid_request: { type: 'invalid_request_error', code: null },
  body_too_large: { type: 'invalid_request_error', code: null },
  request_timeout: { type: 'invalid_request_error', code: 'request_timeout' },
  host_not_allowed: { type: 'invalid_request_error', code: 'host_not_allowed' },
  missing_api_key: { type: 'invalid_request_error', code: null },
  invalid_api_key: { type: 'invalid_request_error', code: 'invalid_api_key' },
  key_revoked: { type: 'invalid_request_error', code: 'invalid_api_key' },
  model_not_allowed: { type: 'invalid_request_error', code: 'model_not_allowed' },
  permission_denied: { type: 'invalid_request_error', code: 'permission_denied' },
  policy_denied: { type: 'invalid_request_error', code: 'policy_denied' },
  data_blocked: { type: 'invalid_request_error', code: 'data_blocked' },
  model_not_found: { type: 'invalid_request_error', code: 'model_not_found' },
  tool_not_found: { type: 'invalid_request_error', code: 'tool_not_found' },
  invalid_tool_arguments: { type: 'invalid_request_error', code: 'invalid_tool_arguments' },
  invalid_tool_result: { type: 'server_error', code: 'invalid_tool_result' },
  approval_denied: { type: 'invalid_request_error', code: 'approval_denied' },
  approval_expired: { type: 'invalid_request_error', code: 'approval_expired' },
  not_found: { type: 'invalid_request_error', code: null },
  conflict: { type: 'invalid_request_error', code: 'conflict' },
  unsupported: { type: 'invalid_request_error', code: 'unsupported_parameter' },
  rate_limited: { type: 'requests', code: 'rate_limit_exceeded' },
  // What OpenAI answers when the account's spend limit is reached: clients know not to hammer it.
  budget_exceeded: { type: 'insufficient_quota', code: 'insufficient_quota' },
  upstream_error: { type: 'server_error', code: null },
  upstream_timeout: { type: 'server_error', code: 'timeout' },
  upstream_unavailable: { type: 'server_error', code: null },
  upstream_protocol_error: { type: 'server_error', code: null },
  upstream_body_too_large: { type: 'server_error', code: 'upstream_body_too_large' },
  output_invalid: { type: 'server_error', code: 'output_invalid' },
  audit_unavailable: { type: 'server_error', code: 'audit_unavailable' },
  store_unavailable: { type: 'server_error', code: 'store_unavailable' },
  config_invalid: { type: 'server_error', code: null },
  internal_error: { type: 'server_error', code: null },
};

/** The error body an OpenAI client expects, for any PodiumError. */
export function openAIErrorBody(error: PodiumError): OpenAIErrorBody {
  const kind = openAIKinds[error.code];
  return { error: { message: error.message, type: kind.type, param: error.param ?? null, code: kind.code } };
}

/** OpenAI writes the wait into 429 messages (`Please try again in 1.2s.`, `in 20ms`); headers may be absent behind proxies. */
function retryHintMs(message: string): number | undefined {
  const match = /try again in (\d+(?:\.\d+)?)(ms|s)\b/i.exec(message);
  if (!match?.[1]) return undefined;
  const value = Number(match[1]);
  return Math.ceil(match[2] === 'ms' ? value : value * 1000);
}

export interface UpstreamErrorOptions {
  /** From the response's `retry-after-ms` / `retry-after` headers, which take precedence over hints in the body. */
  retryAfterMs?: number | undefined;
}

/** Reads an OpenAI-style error body (`{ error: { message, type, param, code } }`) from an upstream into a PodiumError. */
export function errorFromOpenAIBody(status: number, body: unknown, options: UpstreamErrorOptions = {}): PodiumError {
  const parsed = parseErrorBody(body);
  // Some compatible servers send `{ error: "text" }` or `{ message }` instead of the nested object.
  const root = asRecord(parsed);
  const inner = asRecord(root?.error);
  const message =
    stringField(inner, 'message') ??
    stringField(root, 'error') ??
    stringField(root, 'message') ??
    fallbackMessage(status, parsed);
  const code = stringField(inner, 'code');
  const type = stringField(inner, 'type');
  return podiumErrorFromUpstream({
    status,
    message,
    type: code ?? type,
    param: stringField(inner, 'param'),
    retryAfterMs: options.retryAfterMs ?? (status === 429 ? retryHintMs(message) : undefined),
    // An exhausted quota or billing limit does not clear by waiting.
    retryable: code === 'insufficient_quota' || type === 'insufficient_quota' ? false : undefined,
    body: parsed,
  });
}
