/**
 * The upstream stream broke after bytes reached the client: no retry is possible. Keeps the code of
 * what broke it (a stall is `upstream_timeout`, an oversized event `upstream_protocol_error`) so the
 * record says why, and only repeats a PodiumError's message: other errors may hold addresses.
 */
import { PodiumError } from '../../contract/index.js';

export class StreamInterruptedError extends PodiumError {
  constructor(options: { provider: string; cause: unknown }) {
    const cause = options.cause;
    const reason = cause instanceof PodiumError ? cause.message : 'the stream could not be read';
    super(
      cause instanceof PodiumError ? cause.code : 'upstream_protocol_error',
      `provider "${options.provider}" stream interrupted: ${reason}`,
      { status: 502, cause },
    );
  }
}

/**
 * What a failed stream read becomes while the client has seen nothing: a PodiumError as is (a stall,
 * a cut, an oversized event), anything else (a frame that is not JSON, an event a decoder cannot
 * place) a retryable `upstream_protocol_error` that names the provider, not the garbage it sent.
 */
export function unreadableStream(error: unknown, provider: string): unknown {
  if (error instanceof PodiumError || !(error instanceof Error)) return error;
  return new PodiumError('upstream_protocol_error', `provider "${provider}" sent a stream Podium could not read`, {
    status: 502,
    retryable: true,
    cause: error,
  });
}
