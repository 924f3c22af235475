/**
 * The yardstick: the least an honest HTTP proxy can do. A node:http server and one undici.Pool to
 * the upstream; the request body is streamed to `pool.request` and the response streamed back.
 * No auth, no parsing, no pricing: whatever Podium spends beyond this is the cost of its features.
 * Run as a child process: `node --import tsx yardstick-proxy.ts <upstream origin>`.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';
import { failChild, serveChildControl } from './child-control.js';

// Hop-by-hop headers belong to one connection and must not be forwarded (RFC 9110 §7.6.1).
const hopByHop = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'proxy-connection',
  'te',
  'trailer',
  'host',
]);

function endToEnd(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const out: IncomingHttpHeaders = {};
  for (const name in headers) if (!hopByHop.has(name)) out[name] = headers[name];
  return out;
}

const upstream = process.argv[2];
if (!upstream) throw new Error('usage: yardstick-proxy.ts <upstream origin>');
// 256 connections: the same upper bound Podium's providers default to.
const pool = new Pool(upstream, { connections: 256, keepAliveTimeout: 60_000 });

const server = createServer((request, response) => {
  pool
    .request({
      method: request.method ?? 'GET',
      path: request.url ?? '/',
      headers: endToEnd(request.headers),
      body: request.method === 'GET' || request.method === 'HEAD' ? null : request,
    })
    .then(({ statusCode, headers, body }) => {
      response.writeHead(statusCode, endToEnd(headers));
      // Plain pipe, not stream/promises' pipeline: that one creates and aborts an AbortController
      // per call (a DOMException with a stack trace), ~5 % of this proxy's CPU in a profile.
      body.on('error', () => response.destroy());
      response.on('close', () => {
        if (!response.writableFinished) body.destroy();
      });
      body.pipe(response);
    })
    .catch((error: unknown) => {
      if (response.headersSent) {
        response.destroy();
        return;
      }
      response.writeHead(502, { 'content-type': 'text/plain' });
      response.end(`yardstick: ${(error as Error).message}`);
    });
});
server.keepAliveTimeout = 60_000;

server.once('error', failChild);
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  serveChildControl({
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await pool.close();
    },
  });
});
