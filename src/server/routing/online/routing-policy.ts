import type { GatewayCall } from '../../gateway/index.js';
import type { RequestPrompt } from './request-prompt.js';

/** A routing policy's answer: the candidate alias to serve the call, and why (recorded and sent as a header). */
export interface RouteChoice {
  choice: string;
  reason: string;
}

/**
 * Decides per request, in process. Without I/O and synchronously, except a learned router trained
 * with embedding features: it embeds the prompt first (`call` is billed for an embedding alias).
 */
export type RoutingPolicy = (prompt: RequestPrompt, call: GatewayCall) => RouteChoice | Promise<RouteChoice>;
