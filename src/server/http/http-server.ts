/** The Node HTTP server: dispatch through the Router, 404/405 in the admin error shape, nothing else. */
import { createServer, type Server, type ServerResponse } from 'node:http';
import { PodiumError, toPodiumError } from '../../contract/index.js';
import { errorResponse, type ErrorShape } from './error-shapes.js';
import type { Router } from './router.js';

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) });
  response.end(text);
}

export function sendError(response: ServerResponse, error: unknown, shape: ErrorShape): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  const problem = toPodiumError(error);
  const { status, body } = errorResponse(problem, shape);
  const headers: Record<string, string> = { ...problem.headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) };
  // A retryable refusal (the database away, an audit that could not be written) tells the client when to come back.
  if (problem.retryAfterMs !== undefined) headers['retry-after'] = String(Math.ceil(problem.retryAfterMs / 1000));
  response.writeHead(status, headers);
  response.end(body);
}

/** Creates (but does not start) the server. `onError` receives failures that escaped a handler. */
export function createHttpServer(router: Router, onError: (error: unknown) => void): Server {
  const server = createServer((request, response) => {
    const url = request.url ?? '/';
    const queryAt = url.indexOf('?');
    const path = queryAt === -1 ? url : url.slice(0, queryAt);
    const shape: ErrorShape = path.startsWith('/v1/') ? 'openai' : 'admin';
    const matched = router.match(request.method ?? 'GET', path);
    if (matched === undefined || matched === 'method-not-allowed') {
      request.resume();
      const error =
        matched === undefined
          ? new PodiumError('not_found', `Unknown route: ${request.method ?? 'GET'} ${path}`)
          : new PodiumError('invalid_request', `Method ${request.method ?? 'GET'} is not allowed on ${path}`, { status: 405 });
      sendError(response, error, shape);
      return;
    }
    const query = new URLSearchParams(queryAt === -1 ? '' : url.slice(queryAt + 1));
    try {
      const result = matched.handler({ request, response, params: matched.params, query });
      if (result) {
        result.catch((error: unknown) => {
          onError(error);
          sendError(response, error, shape);
        });
      }
    } catch (error) {
      onError(error);
      sendError(response, error, shape);
    }
  });
  // Agents keep connections open between calls; keep-alive must outlast a typical think time.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.requestTimeout = 0;
  return server;
}
