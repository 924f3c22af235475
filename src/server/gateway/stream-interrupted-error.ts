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
    super(cause instanceof PodiumError ? cause.code : 'upstream_error', `provider "${options.provider}" stream interrupted: ${reason}`, { status: 502, cause });
  }
}
