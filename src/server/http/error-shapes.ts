/**
 * The single place where a PodiumError becomes bytes: in the error shape of the API the caller
 * used. An upstream's own error is relayed verbatim when it already speaks the caller's protocol.
 */
import { PodiumError, type Surface } from '../../contract/index.js';
import { UpstreamStatusError } from '../gateway/index.js';
import { anthropicErrorBody, openAIErrorBody } from '../protocols/index.js';

export type ErrorShape = 'openai' | 'anthropic' | 'admin';

export const errorShapeOf = (surface: Surface): ErrorShape =>
  surface === 'anthropic-messages' ? 'anthropic' : 'openai';

/** The shape for a request path, before any handler ran: Anthropic on /v1/messages, OpenAI on the rest of /v1, admin elsewhere. */
export const errorShapeOfPath = (path: string): ErrorShape =>
  path === '/v1/messages' || path.startsWith('/v1/messages/')
    ? 'anthropic'
    : path.startsWith('/v1/')
      ? 'openai'
      : 'admin';

/** A fault of ours says so without its internals (messages of thrown errors can carry addresses, paths, SQL). */
const withoutInternals = (error: PodiumError): PodiumError =>
  error.code === 'internal_error'
    ? new PodiumError(
        'internal_error',
        'Internal error; the x-podium-request-id header (when present) identifies the request in the logs.',
        { status: error.status },
      )
    : error;

const protocolShape = (protocol: string): ErrorShape =>
  protocol === 'anthropic-messages' ? 'anthropic' : protocol === 'gemini' ? 'admin' : 'openai';

const adminTypeOf = (error: PodiumError): string => {
  if (error.status === 401) return 'authentication_error';
  if (error.status === 403) return 'permission_error';
  if (error.status === 404) return 'not_found_error';
  if (error.status === 409) return 'conflict_error';
  if (error.status === 429) return 'rate_limit_error';
  return error.status < 500 ? 'invalid_request_error' : 'api_error';
};

/** The HTTP status and JSON body for an error, in the given shape. */
export function errorResponse(presented: PodiumError, shape: ErrorShape): { status: number; body: string } {
  const error = withoutInternals(presented);
  if (
    error instanceof UpstreamStatusError &&
    error.relayable &&
    protocolShape(error.protocol) === shape &&
    error.body.length > 0
  ) {
    return { status: error.upstreamStatus, body: error.body.toString('utf8') };
  }
  if (shape === 'anthropic') return { status: error.status, body: JSON.stringify(anthropicErrorBody(error)) };
  if (shape === 'openai') return { status: error.status, body: JSON.stringify(openAIErrorBody(error)) };
  return {
    status: error.status,
    body: JSON.stringify({
      error: { type: adminTypeOf(error), code: error.code, message: error.message, param: error.param ?? null },
    }),
  };
}

/** An error event for a stream that has already started (the status line is long gone). */
export function streamErrorFrame(presented: PodiumError, shape: ErrorShape): string {
  const error = withoutInternals(presented);
  if (shape === 'anthropic') return `event: error\ndata: ${JSON.stringify(anthropicErrorBody(error))}\n\n`;
  return `data: ${JSON.stringify(openAIErrorBody(error))}\n\n`;
}
