/**
 * Serves a web-standard MCP handler (the server SDK's `createMcpHandler(...).fetch`) on 127.0.0.1 over
 * node:http: the Streamable HTTP upstream that tool-gateway tests and the tools bench put behind Podium.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ServedMcpHandler {
  /** The MCP endpoint (`http://127.0.0.1:<port>/mcp`). */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Listens on `port` (0: any free one); requests are relayed to `handle` with the client's abort. */
export async function serveMcpHandler(
  handle: (request: Request) => Promise<Response>,
  port = 0,
): Promise<ServedMcpHandler> {
  const server = http.createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const controller = new AbortController();
      outgoing.on('close', () => controller.abort());
      const headers = new Headers();
      for (const [name, value] of Object.entries(incoming.headers)) {
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
      const method = incoming.method ?? 'GET';
      const body = Buffer.concat(chunks);
      void (async () => {
        try {
          const response = await handle(
            new Request(`http://127.0.0.1${incoming.url ?? '/'}`, {
              method,
              headers,
              body: method === 'GET' || method === 'HEAD' ? undefined : body,
              signal: controller.signal,
            }),
          );
          outgoing.writeHead(response.status, Object.fromEntries(response.headers));
          outgoing.flushHeaders();
          if (response.body !== null) for await (const chunk of response.body) outgoing.write(chunk);
          outgoing.end();
        } catch {
          if (!outgoing.headersSent) outgoing.writeHead(500);
          outgoing.end();
        }
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}/mcp`,
    port: bound,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
