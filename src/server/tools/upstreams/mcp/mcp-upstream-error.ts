/**
 * What an MCP failure means to a caller, as a PodiumError: the SDK's errors carry JSON-RPC codes and
 * transport details that must not leak (URLs, header values) and must not crash the gateway.
 */
import { INVALID_PARAMS, ProtocolError, SdkError, SdkErrorCode, SdkHttpError } from '@modelcontextprotocol/client';
import { PodiumError } from '../../../../contract/index.js';

export interface McpErrorContext {
  readonly upstream: string;
  /** What was asked, for the message: `tool "search"`, `tools/list`. */
  readonly what: string;
  readonly timeoutMs: number;
  /** Secret-free text for an error (the session knows the secrets). */
  readonly describe: (error: unknown) => string;
  /** The caller's signal: an abort it caused is reported as its own, not as an upstream fault. */
  readonly signal?: AbortSignal | undefined;
}

export interface MappedMcpError {
  readonly error: PodiumError;
  /** The connection is unusable (closed, unreachable endpoint): the session should reconnect. */
  readonly connectionLost: boolean;
}

/** Sdk codes that mean the wire is gone, not that this one request failed. */
const lostCodes: ReadonlySet<string> = new Set([
  SdkErrorCode.ConnectionClosed,
  SdkErrorCode.NotConnected,
  SdkErrorCode.SendFailed,
]);

export function mapMcpError(error: unknown, context: McpErrorContext): MappedMcpError {
  const { upstream, what } = context;
  if (error instanceof PodiumError) return { error, connectionLost: false };
  if (context.signal?.aborted === true) {
    const reason: unknown = context.signal.reason;
    if (reason instanceof PodiumError) return { error: reason, connectionLost: false };
    // 499: the client closed the request (nginx's convention); nothing is wrong upstream.
    return {
      error: new PodiumError('invalid_request', `${what} on tool upstream "${upstream}" was cancelled by the caller`, {
        status: 499,
        cause: error,
      }),
      connectionLost: false,
    };
  }
  if (error instanceof SdkError && error.code === SdkErrorCode.RequestTimeout) {
    return {
      error: new PodiumError(
        'upstream_timeout',
        `${what} on tool upstream "${upstream}" took longer than ${context.timeoutMs} ms`,
        {
          retryable: true,
          cause: error,
        },
      ),
      connectionLost: false,
    };
  }
  if (error instanceof ProtocolError) {
    const detail = context.describe(error);
    if (error.code === INVALID_PARAMS && /\bnot found\b|\bunknown tool\b/i.test(detail)) {
      return {
        error: new PodiumError('not_found', `tool upstream "${upstream}" has no ${what}: ${detail}`, { cause: error }),
        connectionLost: false,
      };
    }
    return {
      error: new PodiumError('upstream_error', `tool upstream "${upstream}" refused ${what}: ${detail}`, {
        cause: error,
      }),
      connectionLost: false,
    };
  }
  // Anything not from the SDK's protocol layer (a refused socket, `fetch failed`) is the wire too.
  const lost = !(error instanceof SdkError) || error instanceof SdkHttpError || lostCodes.has(error.code);
  if (lost) {
    return {
      error: new PodiumError(
        'upstream_unavailable',
        `tool upstream "${upstream}" could not be reached: ${context.describe(error)}`,
        {
          retryable: true,
          cause: error,
        },
      ),
      connectionLost: true,
    };
  }
  return {
    error: new PodiumError(
      'upstream_protocol_error',
      `tool upstream "${upstream}" answered ${what} badly: ${context.describe(error)}`,
      {
        cause: error,
      },
    ),
    connectionLost: false,
  };
}
