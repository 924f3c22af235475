/**
 * undici's and the OS's transport failures as retryable PodiumErrors that say what happened and to
 * which provider, and nothing about where it lives: no origin, host, address or port in the message.
 */
import { errors as undiciErrors } from 'undici';
import { PodiumError } from '../../contract/index.js';

/** Only a bare errno-style code is safe to repeat; a message may hold an address. */
const errnoCode = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^E[A-Z0-9_]{1,40}$/.test(code) ? code : undefined;
};

/** A failure before the response headers: connection, DNS, TLS, headers timeout. */
export function upstreamTransportError(error: unknown, context: { provider: string; timeoutMs: number }): PodiumError {
  if (error instanceof PodiumError) return error;
  if (error instanceof undiciErrors.HeadersTimeoutError || error instanceof undiciErrors.ConnectTimeoutError) {
    return new PodiumError(
      'upstream_timeout',
      `provider "${context.provider}" did not answer within ${context.timeoutMs} ms`,
      { retryable: true, cause: error },
    );
  }
  const code = errnoCode(error);
  return new PodiumError(
    'upstream_unavailable',
    `cannot reach provider "${context.provider}"${code ? ` (${code})` : ''}`,
    { retryable: true, cause: error },
  );
}

/**
 * A failure while reading the body, after the headers: a stall (504) or a connection cut before the
 * body was complete (502). Both are retryable: nothing of the answer was used yet, unless the caller
 * already forwarded part of a stream (the executor then does not retry).
 */
export function upstreamBodyError(error: unknown, context: { provider: string; idleTimeoutMs: number }): PodiumError {
  if (error instanceof PodiumError) return error;
  if (error instanceof undiciErrors.BodyTimeoutError) {
    return new PodiumError(
      'upstream_timeout',
      `provider "${context.provider}" sent nothing for ${context.idleTimeoutMs} ms after its response headers`,
      {
        retryable: true,
        cause: error,
      },
    );
  }
  const code = errnoCode(error);
  return new PodiumError(
    'upstream_error',
    `provider "${context.provider}" closed the connection before its response was complete${code ? ` (${code})` : ''}`,
    {
      status: 502,
      retryable: true,
      cause: error,
    },
  );
}
