/**
 * One attempt of a call against one target, and the plumbing every attempt shares: sending to the
 * upstream with time accounting, turning error statuses into UpstreamStatusError, response headers.
 */
import type { GatewayCall } from './gateway-call.js';
import type { ResolvedTarget } from './model-catalog.js';
import type { ResponseSink } from './response-sink.js';
import type { SurfaceCodec, UpstreamErrorReader } from './codec.js';
import type { Operation, UpstreamResponse } from '../providers/index.js';
import { forwardedHeaders } from './forwarded-headers.js';
import { parseJsonOrUndefined, readUpstreamBody, UpstreamBodyTooLargeError } from './read-upstream-body.js';
import { relayedHeaders } from './relayed-headers.js';
import { retryAfterFromHeaders, UpstreamStatusError } from './upstream-status-error.js';

/** How much of an upstream's output Podium reads. */
export interface UpstreamLimits {
  /** Largest non-streamed body. */
  maxBodyBytes: number;
  /** Longest stream line or event, in characters. */
  maxEventLength: number;
}

export const defaultUpstreamLimits: UpstreamLimits = {
  maxBodyBytes: 32 * 1024 * 1024,
  maxEventLength: 16 * 1024 * 1024,
};

/** Error bodies are read for a message and a retry hint; more than this is not an error message. */
const maxErrorBodyBytes = 256 * 1024;

export interface AttemptContext {
  call: GatewayCall;
  sink: ResponseSink;
  target: ResolvedTarget;
  surface: SurfaceCodec;
  readError: UpstreamErrorReader;
  /** Runs the settlement stages once usage is known (prices the call, settles budgets). */
  settle: (call: GatewayCall) => void;
  now: () => number;
  limits: UpstreamLimits;
}

/** Sends to the target's provider; error statuses become UpstreamStatusError (retryable for 429/5xx). */
export async function sendUpstream(
  context: AttemptContext,
  request: { operation: Operation; body: string; stream: boolean },
): Promise<UpstreamResponse> {
  const { target, call } = context;
  const provider = target.provider;
  const started = context.now();
  try {
    const response = await provider.send({
      operation: request.operation,
      model: target.model,
      body: request.body,
      stream: request.stream,
      signal: context.sink.signal,
      timeoutMs: target.timeoutMs,
      idleTimeoutMs: target.idleTimeoutMs,
      headers: forwardedHeaders(call.headers, provider),
    });
    if (response.status >= 400) {
      const body = await readErrorBody(response, provider.name);
      const details = context.readError(response.status, parseJsonOrUndefined(body));
      throw new UpstreamStatusError({
        upstreamStatus: response.status,
        body: body.length > 0 ? Buffer.from(provider.redact(body.toString('utf8'))) : body,
        protocol: provider.chatProtocol,
        message: provider.redact(details.message),
        retryAfterMs: retryAfterFromHeaders(response.headers, Date.now()) ?? details.retryAfterMs,
        retryable: details.retryable,
        provider: provider.name,
        headers: relayedHeaders(response.headers, { error: true }),
      });
    }
    return response;
  } finally {
    call.upstreamMs += context.now() - started;
  }
}

/** An error body, or an empty one when it is too large to be an error message (the status still counts). */
async function readErrorBody(response: UpstreamResponse, provider: string): Promise<Buffer> {
  try {
    return await readUpstreamBody(response.body, { maxBytes: maxErrorBodyBytes, provider });
  } catch (error) {
    if (error instanceof UpstreamBodyTooLargeError) return Buffer.alloc(0);
    throw error;
  }
}

/**
 * Headers that describe the call to the client: served model, cost, warnings; with the upstream's
 * response headers, its allowed rate-limit and request-id headers (Podium's own win a clash).
 */
export function describeCall(call: GatewayCall, upstreamHeaders?: UpstreamResponse['headers']): Record<string, string> {
  const headers: Record<string, string> = upstreamHeaders ? relayedHeaders(upstreamHeaders, { error: false }) : {};
  if (call.target) {
    headers['x-podium-provider'] = call.target.provider.name;
    headers['x-podium-served-model'] = call.target.model;
  }
  if (typeof call.costUsd === 'number')
    headers['x-podium-cost-usd'] = call.costUsd.toFixed(10).replace(/0+$/, '').replace(/\.$/, '');
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
