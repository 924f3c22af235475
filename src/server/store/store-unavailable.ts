/**
 * Tells a database that is away from a statement that failed. Connection-level failures (refused, reset,
 * timed out, the server shutting down or starting up) become one retryable `store_unavailable`
 * PodiumError, so every caller above the store sees the same thing and the edge answers 503 with a
 * `retry-after`. The message never carries the driver's text: node-postgres writes the server's address
 * into it (`connect ECONNREFUSED 10.0.0.5:5432`), and that must not reach a response body.
 */
import { PodiumError } from '../../contract/index.js';

/** Seconds a client is told to wait before retrying while the database is away. */
export const storeRetryAfterMs = 5_000;

/** Node's socket errors that mean "no connection", whatever the host. */
const socketCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * SQLSTATEs of a server that cannot serve now, rather than of a statement that is wrong: class 08
 * (connection exception), 57P01–57P03 (admin / crash shutdown, cannot connect now), 53300 (too many
 * connections). A constraint violation or a syntax error is an answer, and stays what it is.
 */
const unavailableSqlState = (code: string): boolean =>
  code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03' || code === '53300';

/**
 * Messages node-postgres and pg-pool throw without a code when a connection dies or never comes
 * (matched on their fixed wording; they carry no address).
 */
const connectionMessages: ReadonlyArray<[RegExp, string]> = [
  [/^timeout exceeded when trying to connect$/, 'connect timeout'],
  // node-postgres's own connect timeout (connectionTimeoutMillis on the Client).
  [/^timeout expired$/, 'connect timeout'],
  [/^Connection terminated due to connection timeout$/, 'connect timeout'],
  [/^Query read timeout$/, 'read timeout'],
  [/^Connection terminated/, 'connection lost'],
  [/^Client has encountered a connection error and is not queryable$/, 'connection lost'],
  [/^Client was closed and is not queryable$/, 'connection lost'],
];

/** The short name of the failure (`ECONNREFUSED`, `57P01`, `connect timeout`), or undefined when the store is not away. */
export function connectionFailure(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  if (error instanceof PodiumError) return error.code === 'store_unavailable' ? 'store_unavailable' : undefined;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (socketCodes.has(code)) return code;
    if (/^[0-9A-Z]{5}$/.test(code) && unavailableSqlState(code)) return code;
  }
  if (typeof message === 'string') {
    const known = connectionMessages.find(([pattern]) => pattern.test(message));
    if (known) return known[1];
  }
  // AggregateError: Node's happy-eyeballs connect raises one per address tried (IPv4 and IPv6).
  const { errors } = error as { errors?: unknown };
  if (Array.isArray(errors)) return errors.map(connectionFailure).find((found) => found !== undefined);
  return undefined;
}

/** True when `error` means the database is unreachable right now (retrying later may succeed). */
export const isStoreUnavailable = (error: unknown): boolean => connectionFailure(error) !== undefined;

/**
 * `error` as a `store_unavailable` PodiumError when it is a connection-level failure, else unchanged.
 * The original stays as `cause` for the server's own log.
 */
export function classifyStoreError(error: unknown): unknown {
  if (error instanceof PodiumError) return error;
  const failure = connectionFailure(error);
  if (failure === undefined) return error;
  // The message is for clients: it names no errno, SQLSTATE or host. The operator's log reads `cause`.
  return new PodiumError('store_unavailable', 'The database is unreachable; retry later.', {
    retryable: true,
    retryAfterMs: storeRetryAfterMs,
    cause: error,
  });
}
