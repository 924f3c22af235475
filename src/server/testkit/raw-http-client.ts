/**
 * A deliberately naive HTTP/1.1 client over a raw socket, for tests that must send what `fetch`
 * refuses to: NUL and control bytes, malformed percent-encoding, bodies that trickle in or never end.
 */
import { connect, type Socket } from 'node:net';

export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Milliseconds from the first byte sent until the server closed the connection (undefined: still open at `waitMs`). */
  closedAfterMs: number | undefined;
}

export interface RawRequestOptions {
  /** `http://host:port` of the server. */
  url: string;
  /** The request head and body exactly as sent. */
  bytes: Buffer | string;
  /** Give up waiting for the server to close after this long (the answer so far is returned). */
  waitMs?: number;
  /** Keep the socket open after writing (a slow client), instead of half-closing it. */
  keepWriting?: boolean;
}

function parseAnswer(raw: Buffer): Omit<RawAnswer, 'closedAfterMs'> {
  const text = raw.toString('utf8');
  const headEnd = text.indexOf('\r\n\r\n');
  const head = headEnd === -1 ? text : text.slice(0, headEnd);
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return {
    status: Number(statusLine.split(' ')[1] ?? 0),
    headers,
    body: headEnd === -1 ? '' : text.slice(headEnd + 4),
  };
}

/** Sends `bytes` and collects the answer until the server closes the connection or `waitMs` passes. */
export function rawRequest(options: RawRequestOptions): Promise<RawAnswer> {
  const { hostname, port } = new URL(options.url);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket: Socket = connect({ host: hostname.replace(/^\[|\]$/g, ''), port: Number(port) });
    const startedAt = performance.now();
    let settled = false;
    const finish = (closed: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({
        ...parseAnswer(Buffer.concat(chunks)),
        closedAfterMs: closed ? performance.now() - startedAt : undefined,
      });
    };
    const timer = setTimeout(() => finish(false), options.waitMs ?? 5000);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('close', () => finish(true));
    socket.on('error', (error) => (chunks.length > 0 ? finish(true) : reject(error)));
    socket.write(options.bytes, () => {
      if (!options.keepWriting) socket.end();
    });
  });
}
