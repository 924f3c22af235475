/**
 * Podium's one error base. Every failure that reaches a caller is a PodiumError with a stable `code`;
 * the HTTP edge maps it to a status and to the error shape of the API the caller used, exactly once.
 */
export type ErrorCode =
  | 'invalid_json'
  | 'invalid_request'
  | 'body_too_large'
  | 'request_timeout'
  | 'host_not_allowed'
  | 'missing_api_key'
  | 'invalid_api_key'
  | 'key_revoked'
  | 'model_not_allowed'
  | 'permission_denied'
  | 'policy_denied'
  | 'data_blocked'
  | 'model_not_found'
  | 'tool_not_found'
  | 'invalid_tool_arguments'
  | 'invalid_tool_result'
  | 'approval_denied'
  | 'approval_expired'
  | 'not_found'
  | 'conflict'
  | 'unsupported'
  | 'rate_limited'
  | 'budget_exceeded'
  | 'upstream_error'
  | 'upstream_timeout'
  | 'upstream_unavailable'
  | 'upstream_protocol_error'
  | 'upstream_body_too_large'
  | 'output_invalid'
  | 'audit_unavailable'
  | 'store_unavailable'
  | 'config_invalid'
  | 'internal_error';

const statusByCode: Record<ErrorCode, number> = {
  invalid_json: 400,
  invalid_request: 400,
  body_too_large: 413,
  // The client did not finish sending its request in time (a slow body): the connection is closed after the answer.
  request_timeout: 408,
  // The Host header names no configured host: a DNS-rebinding page must not reach the admin API or /metrics.
  host_not_allowed: 403,
  missing_api_key: 401,
  invalid_api_key: 401,
  key_revoked: 401,
  model_not_allowed: 403,
  permission_denied: 403,
  policy_denied: 403,
  data_blocked: 403,
  model_not_found: 404,
  // Tool calls (the tool gateway): an unknown or invisible tool, arguments or a result its schema refuses, and a
  // call a human refused or did not approve in time.
  tool_not_found: 404,
  invalid_tool_arguments: 400,
  invalid_tool_result: 502,
  approval_denied: 403,
  approval_expired: 403,
  not_found: 404,
  conflict: 409,
  unsupported: 400,
  rate_limited: 429,
  budget_exceeded: 429,
  upstream_error: 502,
  upstream_timeout: 504,
  upstream_unavailable: 503,
  upstream_protocol_error: 502,
  // The upstream's answer was larger than Podium reads (gateway.maxUpstreamBodyBytes).
  upstream_body_too_large: 502,
  output_invalid: 502,
  // An answer that must be on the record before it is given (a decision, a policy denial) could not be recorded.
  audit_unavailable: 503,
  // The database could not be reached (connection refused, reset, timed out, shutting down): retry later.
  store_unavailable: 503,
  config_invalid: 500,
  internal_error: 500,
};

export interface PodiumErrorOptions {
  /** The request field at fault, as a dotted path (`messages.0.content`). */
  param?: string | undefined;
  /** Overrides the status implied by the code (used to relay an upstream status faithfully). */
  status?: number | undefined;
  retryable?: boolean | undefined;
  /** Milliseconds the caller should wait before retrying (from an upstream `retry-after`). */
  retryAfterMs?: number | undefined;
  /** Response headers the edge adds (e.g. `x-podium-budget-*` on a budget refusal). */
  headers?: Readonly<Record<string, string>> | undefined;
  cause?: unknown;
}

export class PodiumError extends Error {
  override readonly name = 'PodiumError';
  readonly code: ErrorCode;
  readonly status: number;
  readonly param: string | undefined;
  readonly isRetryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly headers: Readonly<Record<string, string>> | undefined;

  constructor(code: ErrorCode, message: string, options: PodiumErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options.status ?? statusByCode[code];
    this.param = options.param;
    this.isRetryable = options.retryable ?? false;
    this.retryAfterMs = options.retryAfterMs;
    this.headers = options.headers;
  }
}

/** Wraps anything thrown into a PodiumError without losing the original as `cause`. */
export function toPodiumError(error: unknown): PodiumError {
  if (error instanceof PodiumError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new PodiumError('internal_error', message, { cause: error });
}

/**
 * Fail closed on the audit trail: what could not be put on the record is not done. `what` completes
 * "… could not be recorded in the audit trail, so …", e.g. `the decision` / `it is not allowed`.
 */
export function auditUnavailable(input: { what: string; consequence: string; cause: unknown }): PodiumError {
  const message = input.cause instanceof Error ? input.cause.message : String(input.cause);
  return new PodiumError(
    'audit_unavailable',
    `${input.what} could not be recorded in the audit trail, so ${input.consequence}: ${message}; retry later`,
    {
      retryable: true,
      // A store outage says when to come back; the decision's caller gets the same retry-after.
      retryAfterMs: input.cause instanceof PodiumError ? input.cause.retryAfterMs : undefined,
      cause: input.cause,
    },
  );
}
