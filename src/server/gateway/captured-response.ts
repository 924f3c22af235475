/**
 * A response as the client received it (or would have): what caching replays, what cascades,
 * shadow sampling and schema enforcement read the answer from.
 */
import type { PodiumError } from '../../contract/index.js';

export interface CapturedResponse {
  status: number;
  headers: Readonly<Record<string, string>>;
  /** True when the answer was sent as server-sent events; `body` is then the SSE text. */
  streamed: boolean;
  body: string;
  /** Set when the response was (or ended with) an error. */
  error: PodiumError | undefined;
}
