/**
 * A call's transport failure as a PodiumError that names the upstream and never where it lives:
 * undici's and the OS's messages carry hosts, addresses and ports, and these messages reach callers.
 * The original error stays in `cause`, for logs.
 */
import { errors as undiciErrors } from 'undici';
import { PodiumError } from '../../../../contract/index.js';

export interface CallErrorContext {
  readonly upstream: string;
  readonly timeoutMs: number;
  /** The caller's signal: aborted means the caller went away, not the upstream failing. */
  readonly callerSignal: AbortSignal;
  readonly timeoutSignal: AbortSignal;
}

const errnoCode = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^E[A-Z0-9_]{1,40}$/.test(code) ? code : undefined;
};

/** Whether the upstream is to blame (for its health): unreachable or too slow, and not because the caller left. */
export function blamesUpstream(error: PodiumError, callerSignal: AbortSignal): boolean {
  return !callerSignal.aborted && (error.code === 'upstream_timeout' || error.code === 'upstream_unavailable');
}

/** The PodiumError for a failed call. */
export function callError(error: unknown, context: CallErrorContext): PodiumError {
  if (error instanceof PodiumError) return error;
  if (context.callerSignal.aborted) {
    return new PodiumError('upstream_unavailable', `call to openapi upstream "${context.upstream}" cancelled`, {
      cause: error,
    });
  }
  if (
    context.timeoutSignal.aborted ||
    error instanceof undiciErrors.HeadersTimeoutError ||
    error instanceof undiciErrors.BodyTimeoutError ||
    error instanceof undiciErrors.ConnectTimeoutError
  ) {
    return new PodiumError(
      'upstream_timeout',
      `openapi upstream "${context.upstream}" did not answer within ${context.timeoutMs} ms`,
      { retryable: true, cause: error },
    );
  }
  const code = errnoCode(error);
  return new PodiumError(
    'upstream_unavailable',
    `cannot reach openapi upstream "${context.upstream}"${code === undefined ? '' : ` (${code})`}`,
    { retryable: true, cause: error },
  );
}
