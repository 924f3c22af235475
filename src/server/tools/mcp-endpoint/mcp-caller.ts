/** Who is calling `/mcp` (or `podium mcp` through it): what the HTTP edge read from the request. */
import type { PodiumError } from '../../../contract/index.js';

export interface McpCaller {
  /** The presented credential (already known to be present; the gateway checks it). */
  readonly credential: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly signal: AbortSignal;
}

/** Per-request state the handlers share with the edge: a refused credential turns the answer into a 401. */
export interface McpExchange {
  readonly caller: McpCaller;
  refused: PodiumError | undefined;
}
