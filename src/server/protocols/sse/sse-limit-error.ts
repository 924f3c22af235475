/** An upstream stream broke the size bounds Podium reads it with (one line or one event too long). */
import { PodiumError } from '../../../contract/index.js';

export class SseLimitError extends PodiumError {
  constructor(limit: number) {
    super('upstream_protocol_error', `the upstream sent a server-sent event longer than ${limit} characters`, {
      status: 502,
    });
  }
}
