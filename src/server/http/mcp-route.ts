/**
 * `/mcp`: MCP over Streamable HTTP, both protocol eras. This file is the edge only — Origin
 * (DNS rebinding; Host is checked by the server for every route), the Podium key on every request
 * (401 with a Bearer challenge), the body bound, and the Node ↔ fetch translation; the MCP side is
 * tools/mcp-endpoint. Errors here are JSON-RPC error bodies without an id, as the transport spec allows.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { toPodiumError, type PodiumError } from '../../contract/index.js';
import type { McpEndpoint } from '../tools/index.js';
import { credentialOf } from './credential.js';
import { hostMatcher, hostNameOf } from './host-policy.js';
import { readBody } from './read-body.js';
import type { Router } from './router.js';

export interface McpRouteOptions {
  endpoint: McpEndpoint;
  /** The server's resolved allowed hosts (undefined: any); a browser Origin must name one of them. */
  allowedHosts: readonly string[] | undefined;
  /** Largest request body; larger gets 413 before the MCP layer sees it. */
  maxBodyBytes: number;
  /**
   * Verifies the key before anything is served (the identity service's `authenticate`); rejects with a
   * 401 PodiumError. Required: `initialize` and the tasks methods never reach the gateway, so the
   * gateway's own check cannot be the only one.
   */
  authenticate: (credential: string) => Promise<unknown>;
}

/** RFC 6750 challenge: no OAuth authorization server behind it, so no `resource_metadata`. */
const challenge = (error: PodiumError | undefined): string =>
  error && error.code !== 'missing_api_key'
    ? `Bearer realm="podium", error="invalid_token", error_description="${error.message.replaceAll('"', "'").slice(0, 200)}"`
    : 'Bearer realm="podium"';

function sendMcpError(
  response: ServerResponse,
  input: { status: number; code: number; message: string; headers?: Record<string, string> },
): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  const body = JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: input.code, message: input.message } });
  response.writeHead(input.status, {
    ...input.headers,
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(body)),
    ...(response.req.complete ? {} : { connection: 'close' }),
  });
  response.end(body);
}

const unauthorized = (response: ServerResponse, error: PodiumError | undefined): void =>
  sendMcpError(response, {
    status: 401,
    code: -32001,
    message: error?.message ?? 'Provide your Podium key: "Authorization: Bearer <key>" or "x-api-key".',
    headers: { 'www-authenticate': challenge(error) },
  });

/** An Origin a browser sent must name a host this server answers (its own Host when any host is allowed). */
function originAllowed(
  request: IncomingMessage,
  allowed: (header: string | undefined) => boolean,
  any: boolean,
): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false;
  }
  return any ? hostNameOf(host) === hostNameOf(request.headers.host) : allowed(host);
}

function webHeadersOf(request: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

/**
 * Writes a fetch Response to Node: a JSON answer whole, with its length (one write, and any HTTP/1.1 client reads
 * it without chunked decoding); an SSE stream chunk by chunk, where a client gone cancels the read.
 */
async function writeWebResponse(response: ServerResponse, web: Response): Promise<void> {
  const headers: Record<string, string> = {};
  web.headers.forEach((value, name) => (headers[name] = value));
  if (!web.body || !(headers['content-type'] ?? '').startsWith('text/event-stream')) {
    // Our own answer, already bounded by what the endpoint builds.
    const bytes = web.body ? Buffer.from(await web.arrayBuffer()) : Buffer.alloc(0);
    headers['content-length'] = String(bytes.length);
    response.writeHead(web.status, headers);
    response.end(bytes);
    return;
  }
  response.writeHead(web.status, headers);
  const reader: ReadableStreamDefaultReader<Uint8Array> = web.body.getReader();
  const cancel = () => void reader.cancel().catch(() => undefined);
  response.once('close', cancel);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!response.write(value)) await new Promise((resolve) => response.once('drain', resolve));
    }
    response.end();
  } catch {
    response.destroy();
  } finally {
    response.off('close', cancel);
  }
}

export function addMcpRoute(router: Router, options: McpRouteOptions): void {
  const allowed = hostMatcher(options.allowedHosts);
  const handler = async ({ request, response }: { request: IncomingMessage; response: ServerResponse }) => {
    if (!originAllowed(request, allowed, options.allowedHosts === undefined)) {
      sendMcpError(response, {
        status: 403,
        code: -32600,
        message: 'This Origin may not use /mcp (http.allowedHosts).',
      });
      return;
    }
    const credential = credentialOf(request.headers);
    if (credential === undefined) return unauthorized(response, undefined);
    try {
      await options.authenticate(credential);
    } catch (error) {
      const podiumError = toPodiumError(error);
      if (podiumError.status === 401) return unauthorized(response, podiumError);
      throw error;
    }
    let body: Buffer | undefined;
    if (request.method === 'POST') {
      try {
        body = await readBody(request, options.maxBodyBytes);
      } catch (error) {
        const podiumError = toPodiumError(error);
        sendMcpError(response, { status: podiumError.status, code: -32600, message: podiumError.message });
        return;
      }
    }
    const aborted = new AbortController();
    response.once('close', () => aborted.abort());
    const web = new Request(`http://podium${request.url ?? '/mcp'}`, {
      method: request.method ?? 'POST',
      headers: webHeadersOf(request),
      ...(body === undefined ? {} : { body: new Uint8Array(body.buffer, body.byteOffset, body.byteLength) }),
      signal: aborted.signal,
    });
    const answer = await options.endpoint.handle(web, {
      credential,
      headers: request.headers,
      signal: aborted.signal,
    });
    if (answer.refused) {
      await answer.response.body?.cancel();
      return unauthorized(response, answer.refused);
    }
    await writeWebResponse(response, answer.response);
  };
  router.add('POST', '/mcp', handler).add('GET', '/mcp', handler).add('DELETE', '/mcp', handler);
}
