/**
 * The Node HTTP server: dispatch through the Router, 404/405 in the caller's error shape, and the
 * edge's defences. Nothing a request carries may reach the process: every handler failure becomes an
 * answer, every stream error is handled, and slow or oversized clients are cut off within bounds.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { PodiumError, toPodiumError } from '../../contract/index.js';
import { errorResponse, errorShapeOfPath, type ErrorShape } from './error-shapes.js';
import { hostMatcher } from './host-policy.js';
import { controlCharacterAt, type Router } from './router.js';

/** Bounds on what one client may send, and for how long. */
export interface HttpServerOptions {
  /** Host names answered (no port); undefined answers any (see host-policy.ts). */
  allowedHosts?: readonly string[] | undefined;
  /** Largest request head (request line and headers); larger gets 431. */
  maxHeaderBytes?: number;
  /** Longest wait for a request's headers once it started. */
  headersTimeoutMs?: number;
  /** Longest a request body may take to arrive after its headers; slower gets 408 and the connection closed. */
  bodyTimeoutMs?: number;
  /** How long an idle keep-alive connection stays open between requests. */
  keepAliveTimeoutMs?: number;
}

export const httpServerDefaults = {
  maxHeaderBytes: 16 * 1024,
  headersTimeoutMs: 20_000,
  bodyTimeoutMs: 30_000,
  // Agents keep connections open between calls; keep-alive must outlast a typical think time.
  keepAliveTimeoutMs: 65_000,
} as const;

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) });
  response.end(text);
}

/** Answers with an error in `shape`; a response already under way is cut instead (its status line is gone). */
export function sendError(response: ServerResponse, error: unknown, shape: ErrorShape): void {
  if (response.headersSent || response.destroyed) {
    response.destroy();
    return;
  }
  const problem = toPodiumError(error);
  const { status, body } = errorResponse(problem, shape);
  const headers: Record<string, string> = {
    ...problem.headers,
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(body)),
  };
  // A retryable refusal (the database away, an audit that could not be written) tells the client when to come back.
  if (problem.retryAfterMs !== undefined) headers['retry-after'] = String(Math.ceil(problem.retryAfterMs / 1000));
  // An unread body cannot be skipped cheaply on a kept-alive connection: close it once answered.
  if (!response.req.complete) headers.connection = 'close';
  try {
    response.writeHead(status, headers);
    response.end(body);
  } catch {
    response.destroy();
  }
}

const clientErrorOf = (code: string | undefined): PodiumError => {
  if (code === 'HPE_HEADER_OVERFLOW')
    return new PodiumError('invalid_request', 'Request header fields too large.', { status: 431 });
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT')
    return new PodiumError('request_timeout', 'The request was not received in time.');
  return new PodiumError('invalid_request', 'Malformed HTTP request: bad bytes in the request line or a header.');
};

const reasons: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  408: 'Request Timeout',
  431: 'Request Header Fields Too Large',
};

/** The path of the request line Node could not finish parsing, for the caller's error shape (admin when unreadable). */
function rawPathOf(packet: unknown): string {
  if (!Buffer.isBuffer(packet)) return '';
  const line = packet.subarray(0, Math.min(packet.length, 512)).toString('latin1');
  const target = line.split(' ', 3)[1] ?? '';
  // Up to the query or the first byte Node refused, whichever comes first.
  const queryAt = target.indexOf('?');
  const path = queryAt === -1 ? target : target.slice(0, queryAt);
  const controlAt = controlCharacterAt(path);
  return controlAt === -1 ? path : path.slice(0, controlAt);
}

/**
 * A request Node could not parse (bad bytes in the request line or headers, oversized head, a head
 * that never ended): there is no request object, so the answer is written to the socket directly.
 */
function answerClientError(
  error: Error & { code?: string; rawPacket?: unknown },
  socket: Duplex,
  busy: WeakSet<Duplex>,
): void {
  if (error.code === 'ECONNRESET' || !socket.writable || busy.has(socket)) {
    socket.destroy();
    return;
  }
  const { status, body } = errorResponse(clientErrorOf(error.code), errorShapeOfPath(rawPathOf(error.rawPacket)));
  socket.end(
    `HTTP/1.1 ${status} ${reasons[status] ?? 'Bad Request'}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
  socket.once('finish', () => socket.destroy());
}

/** Cuts off a body that has not fully arrived within the bound: 408 when nothing was answered yet. */
function watchBody(
  request: IncomingMessage,
  response: ServerResponse,
  options: { shape: ErrorShape; timeoutMs: number },
): void {
  if (request.complete) return;
  const timer = setTimeout(() => {
    if (request.complete) return;
    if (response.headersSent) {
      request.socket.destroy();
      return;
    }
    sendError(
      response,
      new PodiumError('request_timeout', `The request body did not arrive within ${options.timeoutMs} ms.`),
      options.shape,
    );
    // Do not wait on the client to read the answer: the connection is done either way.
    response.once('finish', () => request.socket.destroy());
  }, options.timeoutMs);
  timer.unref();
  const socket = request.socket;
  // A kept-alive socket serves many requests: its listener must leave with this request, or they pile up.
  const clear = () => {
    clearTimeout(timer);
    socket.off('close', clear);
  };
  request.once('end', clear);
  socket.once('close', clear);
}

/** Creates (but does not start) the server. `onError` receives failures that escaped a handler. */
export function createHttpServer(
  router: Router,
  onError: (error: unknown) => void,
  options: HttpServerOptions = {},
): Server {
  const limits = { ...httpServerDefaults, ...definedOf(options) };
  const hostAllowed = hostMatcher(options.allowedHosts);
  // Sockets with a response in flight: a late parse error must not write a second status line into them.
  const busy = new WeakSet<Duplex>();
  const server = createServer(
    {
      maxHeaderSize: limits.maxHeaderBytes,
      headersTimeout: limits.headersTimeoutMs,
      // Node's own backstop for the whole request; watchBody answers first, in the caller's shape.
      requestTimeout: limits.headersTimeoutMs + limits.bodyTimeoutMs + 1000,
      connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutMs),
      keepAliveTimeout: limits.keepAliveTimeoutMs,
    },
    (request, response) => {
      const socket = request.socket;
      busy.add(socket);
      response.once('finish', () => busy.delete(socket));
      // A client that resets mid-request makes these streams emit 'error'; unhandled, that would end the process.
      request.on('error', () => undefined);
      response.on('error', () => undefined);
      const url = request.url ?? '/';
      const queryAt = url.indexOf('?');
      const path = queryAt === -1 ? url : url.slice(0, queryAt);
      const shape = errorShapeOfPath(path);
      const fail = (error: unknown): void => {
        const podiumError = toPodiumError(error);
        if (podiumError.status >= 500) onError(error);
        sendError(response, podiumError, shape);
      };
      try {
        watchBody(request, response, { shape, timeoutMs: limits.bodyTimeoutMs });
        if (!hostAllowed(request.headers.host))
          throw new PodiumError('host_not_allowed', 'This host name is not served here; add it to http.allowedHosts.');
        const matched = router.match(request.method ?? 'GET', path);
        if (matched === undefined || matched === 'method-not-allowed') {
          throw matched === undefined
            ? new PodiumError('not_found', `Unknown route: ${request.method ?? 'GET'} ${path}`)
            : new PodiumError('invalid_request', `Method ${request.method ?? 'GET'} is not allowed on ${path}`, {
                status: 405,
              });
        }
        const query = parseQuery(queryAt === -1 ? '' : url.slice(queryAt + 1));
        const result = matched.handler({ request, response, params: matched.params, query });
        if (result) result.catch(fail);
      } catch (error) {
        fail(error);
      }
    },
  );
  server.on('clientError', (error: Error & { code?: string; rawPacket?: unknown }, socket: Duplex) =>
    answerClientError(error, socket, busy),
  );
  // A client's FIN ends the socket at once (Node's default, kept on purpose): that is how an aborted stream is
  // seen within a write and its upstream call cancelled. A client that half-closes before its answer is ready
  // is therefore treated as gone (measured: allowing half-open delayed abort detection until the stream ended).
  return server;
}

/** The query string, decoded; a control character in a name or value is refused here, naming the parameter. */
function parseQuery(text: string): URLSearchParams {
  const query = new URLSearchParams(text);
  for (const [name, value] of query) {
    if (controlCharacterAt(name) !== -1 || controlCharacterAt(value) !== -1) {
      const param = controlCharacterAt(name) !== -1 ? undefined : name;
      throw new PodiumError(
        'invalid_request',
        `Query parameter ${param ? `"${param}" ` : ''}contains control characters.`,
        { param },
      );
    }
  }
  return query;
}

function definedOf(options: HttpServerOptions): Partial<typeof httpServerDefaults> {
  const out: Record<string, number> = {};
  for (const name of Object.keys(httpServerDefaults) as (keyof typeof httpServerDefaults)[]) {
    const value = options[name];
    if (value !== undefined) out[name] = value;
  }
  return out;
}
