import { PodiumError } from '../../../../contract/index.js';
import { textResult, type ToolResult } from '../../index.js';

/** Longest database message passed on to the model, in characters. */
const maxMessageLength = 1_000;

export interface SqlFailureContext {
  readonly upstream: string;
  readonly tool: string;
  readonly timeoutMs: number;
}

/** SQLSTATE classes that mean the upstream is misconfigured or away, not that this statement failed. */
const unavailableClasses = ['08', '28', '3D', '53', '57P'];

/**
 * What a failed statement becomes. The database's own refusal of the statement — a write in a read-only
 * transaction, a constraint, bad input for a type — is a tool result with `isError` and the database's message:
 * the model can read it and correct course, as MCP intends for tool-level failures. A timeout is 504 and an
 * unreachable database 503, both `PodiumError`s; neither message carries the connection string or the host
 * (the store classified connection failures before they got here, and their driver text is dropped).
 */
export function sqlCallFailure(error: unknown, context: SqlFailureContext): ToolResult | PodiumError {
  const subject = `SQL upstream "${context.upstream}"`;
  if (error instanceof PodiumError) {
    return error.code === 'store_unavailable'
      ? unavailable(subject, error.retryAfterMs)
      : new PodiumError('upstream_error', `${subject}: the call to ${context.tool} failed`);
  }
  const sqlState = sqlStateOf(error);
  if (sqlState === '57014') {
    return new PodiumError(
      'upstream_timeout',
      `${subject}: ${context.tool} did not finish within timeoutMs (${context.timeoutMs} ms)`,
      { retryable: true },
    );
  }
  if (sqlState !== undefined && unavailableClasses.some((prefix) => sqlState.startsWith(prefix))) {
    return unavailable(subject, undefined);
  }
  if (sqlState !== undefined) {
    const message = error instanceof Error ? error.message.slice(0, maxMessageLength) : 'the statement failed';
    return textResult(`The database refused ${context.tool}: ${message} (SQLSTATE ${sqlState})`, true);
  }
  return new PodiumError('upstream_error', `${subject}: the call to ${context.tool} failed`);
}

function unavailable(subject: string, retryAfterMs: number | undefined): PodiumError {
  return new PodiumError('upstream_unavailable', `${subject}: the database is unreachable; retry later`, {
    retryable: true,
    retryAfterMs,
  });
}

/** The SQLSTATE node-postgres puts on an error the server sent. */
function sqlStateOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code } = error as { code?: unknown };
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}
