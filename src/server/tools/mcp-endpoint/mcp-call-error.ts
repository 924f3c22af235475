/**
 * How a PodiumError from the gateway reaches an MCP caller. The spec separates protocol errors (the
 * request itself is wrong: unknown tool, malformed params — JSON-RPC errors the client handles) from
 * tool execution errors (`isError` results the model reads and can act on: fix its arguments, stop
 * asking for a denied tool, wait for a budget). Policy denials, budget refusals, argument validation
 * and unreachable upstreams are therefore results with the policy's or validator's own message;
 * only an unknown tool and our own faults are JSON-RPC errors.
 */
import { ProtocolError, ProtocolErrorCode, type CallToolResult } from '@modelcontextprotocol/server';
import type { PodiumError } from '../../../contract/index.js';

/** The caller's credential was refused: the HTTP edge answers 401 instead of any JSON-RPC body. */
export const isCredentialError = (error: PodiumError): boolean => error.status === 401;

/** A PodiumError as the protocol error to throw, or the `isError` result to return. */
export function mcpCallFailure(error: PodiumError): ProtocolError | CallToolResult {
  if (error.status === 404)
    return new ProtocolError(ProtocolErrorCode.InvalidParams, error.message, { code: error.code });
  if (error.status >= 500 && (error.code === 'internal_error' || error.code === 'config_invalid'))
    // Internal messages can carry addresses or SQL: the caller gets the code, the log gets the rest.
    return new ProtocolError(ProtocolErrorCode.InternalError, 'Internal error in the tool gateway.', {
      code: error.code,
    });
  return {
    content: [{ type: 'text', text: error.message }],
    isError: true,
    _meta: { 'podium/error': { code: error.code, status: error.status, param: error.param ?? null } },
  };
}

/** What a 401 becomes inside the protocol layer (the edge then replaces the whole answer with a 401). */
export function credentialProtocolError(error: PodiumError): ProtocolError {
  return new ProtocolError(ProtocolErrorCode.InvalidRequest, error.message, { code: error.code });
}
