import type { RequestPrompt } from './request-prompt.js';

/** A routing policy's answer: the candidate alias to serve the call, and why (recorded and sent as a header). */
export interface RouteChoice {
  choice: string;
  reason: string;
}

/** Decides per request, in process, without I/O. */
export type RoutingPolicy = (prompt: RequestPrompt) => RouteChoice;
