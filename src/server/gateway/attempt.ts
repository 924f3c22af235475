/**
 * One attempt of a call against one target, and the plumbing every attempt shares: sending to the
 * upstream with time accounting, turning error statuses into UpstreamStatusError, response headers.
 */
import type { GatewayCall } from './gateway-call.js';
import type { ResolvedTarget } from './model-catalog.js';
import type { ResponseSink } from './response-sink.js';
import type { SurfaceCodec, UpstreamErrorReader } from './codec.js';
import type { Operation, UpstreamResponse } from '../providers/index.js';
import { parseJsonOrUndefined, readUpstreamBody } from './read-upstream-body.js';
import { retryAfterFromHeaders, UpstreamStatusError } from './upstream-status-error.js';

export interface AttemptContext {
  call: GatewayCall;
  sink: ResponseSink;
  target: ResolvedTarget;
  surface: SurfaceCodec;
  readError: UpstreamErrorReader;
  /** Runs the settlement stages once usage is known (prices the call, settles budgets). */
  settle: (call: GatewayCall) => void;
  now: () => number;
}

/** Sends to the target's provider; error statuses become UpstreamStatusError (retryable for 429/5xx). */
export async function sendUpstream(
  context: AttemptContext,
  request: { operation: Operation; body: string; stream: boolean },
): Promise<UpstreamResponse> {
  const { target, call } = context;
  const started = context.now();
  try {
    const response = await target.provider.send({
      operation: request.operation,
      model: target.model,
      body: request.body,
      stream: request.stream,
      signal: context.sink.signal,
      timeoutMs: target.timeoutMs,
    });
    if (response.status >= 400) {
      const body = await readUpstreamBody(response.body);
      const details = context.readError(response.status, parseJsonOrUndefined(body));
      throw new UpstreamStatusError({
        upstreamStatus: response.status,
        body,
        protocol: target.provider.chatProtocol,
        message: details.message,
        retryAfterMs: retryAfterFromHeaders(response.headers, Date.now()) ?? details.retryAfterMs,
        retryable: details.retryable,
        provider: target.provider.name,
      });
    }
    return response;
  } finally {
    call.upstreamMs += context.now() - started;
  }
}

/** Headers that describe the call to the client: served model, cost, warnings. */
export function describeCall(call: GatewayCall): Record<string, string> {
  const headers: Record<string, string> = {};
  if (call.target) {
    headers['x-podium-provider'] = call.target.provider.name;
    headers['x-podium-served-model'] = call.target.model;
  }
  if (typeof call.costUsd === 'number') headers['x-podium-cost-usd'] = call.costUsd.toFixed(10).replace(/0+$/, '').replace(/\.$/, '');
  if (call.attempts > 1) headers['x-podium-attempts'] = String(call.attempts);
  if (call.warnings.length > 0) headers['x-podium-warning'] = call.warnings.join('; ');
  if (call.routing) {
    headers['x-podium-route'] = call.routing.choice;
    headers['x-podium-route-reason'] = headerSafe(call.routing.reason);
  }
  return headers;
}

/** Header values must be printable ASCII (a rule's pattern may not be). */
const headerSafe = (text: string): string => text.replace(/[^\x20-\x7e]/g, '?');
