/**
 * A local HTTP server that plays a provider: it replays recorded wire traffic (JSON bodies and SSE
 * frames exactly as providers send them), fails on demand (status codes, mid-stream disconnects,
 * hangs) and records every request it received, including whether the caller hung up early.
 */
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ScriptedResponse {
  status?: number;
  headers?: Record<string, string>;
  /** A JSON body (serialised as is). */
  json?: unknown;
  /** Raw body text, for non-JSON errors. */
  text?: string;
  /** SSE frames: each `data` line, with an optional event name (Anthropic names every event). */
  events?: readonly { event?: string; data: string }[];
  /** Close the connection abruptly after this many events (a mid-stream failure). */
  dropAfterEvents?: number;
  /** Wait before sending headers. The wait ends early if the client hangs up. */
  delayMs?: number;
  /** Wait between events. */
  eventDelayMs?: number;
  /** Never answer: for timeouts and client aborts. */
  hang?: boolean;
  /**
   * A body written chunk by chunk as it is generated (with back-pressure, so a 100 MB body is never
   * held in memory), then ended, left hanging, or cut: for hostile-upstream tests (see hostile-responses.ts).
   */
  body?: StreamedBody;
}

export interface StreamedBody {
  contentType: string;
  /** The chunks, produced lazily; the generator stops when the client hangs up. */
  chunks: () => Iterable<string | Buffer> | AsyncIterable<string | Buffer>;
  /** A Content-Length to announce (a cut body announces more than it sends). */
  contentLength?: number;
  /** After the last chunk: end normally (default), never finish (`hang`), or drop the connection (`cut`). */
  then?: 'end' | 'hang' | 'cut';
}

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The JSON body, when it parsed. */
  json: unknown;
  /** True when the client closed the connection before the response was complete. */
  clientAborted: boolean;
}

export type Responder = ScriptedResponse | ((request: ReceivedRequest) => ScriptedResponse);

const noScriptLeft: Responder = {
  status: 500,
  json: { error: { message: 'fake upstream: no scripted response left' } },
};

export class FakeUpstream {
  readonly requests: ReceivedRequest[] = [];
  private readonly queue: Responder[] = [];
  private fallback: Responder = noScriptLeft;
  private readonly server: Server;
  private abortWaiters: (() => void)[] = [];

  private constructor() {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(body);
        } catch {
          json = undefined;
        }
        const received: ReceivedRequest = {
          method: request.method ?? '',
          path: request.url ?? '',
          headers: request.headers,
          body,
          json,
          clientAborted: false,
        };
        this.requests.push(received);
        response.on('close', () => {
          if (!response.writableFinished) {
            received.clientAborted = true;
            for (const wake of this.abortWaiters.splice(0)) wake();
          }
        });
        const responder = this.queue.shift() ?? this.fallback;
        void this.respond(response, typeof responder === 'function' ? responder(received) : responder);
      });
    });
  }

  static async start(): Promise<FakeUpstream> {
    const upstream = new FakeUpstream();
    await new Promise<void>((resolve) => upstream.server.listen(0, '127.0.0.1', resolve));
    return upstream;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Queues responses, served in order to the next requests. */
  enqueue(...responders: Responder[]): this {
    this.queue.push(...responders);
    return this;
  }

  /** The response once the queue is empty. */
  always(responder: Responder): this {
    this.fallback = responder;
    return this;
  }

  /** Forgets received requests and scripted responses, including `always`. */
  reset(): void {
    this.requests.length = 0;
    this.queue.length = 0;
    this.fallback = noScriptLeft;
  }

  /** Resolves when some client hangs up on an unfinished response. */
  nextClientAbort(): Promise<void> {
    return new Promise((resolve) => this.abortWaiters.push(resolve));
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async respond(response: ServerResponse, script: ScriptedResponse): Promise<void> {
    if (script.hang) return;
    if (script.delayMs) await pause(script.delayMs, response);
    if (response.destroyed) return;
    const status = script.status ?? 200;
    if (script.body) {
      await writeStreamedBody(response, { status, headers: script.headers, body: script.body });
      return;
    }
    if (script.events) {
      response.writeHead(status, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-cache',
        ...script.headers,
      });
      let sent = 0;
      for (const event of script.events) {
        if (script.dropAfterEvents !== undefined && sent >= script.dropAfterEvents) {
          response.destroy();
          return;
        }
        if (response.destroyed) return;
        response.write(`${event.event ? `event: ${event.event}\n` : ''}data: ${event.data}\n\n`);
        sent += 1;
        if (script.eventDelayMs) await pause(script.eventDelayMs, response);
      }
      response.end();
      return;
    }
    const body = script.text ?? JSON.stringify(script.json ?? {});
    response.writeHead(status, {
      'content-type': script.text === undefined ? 'application/json' : 'text/plain',
      ...script.headers,
    });
    response.end(body);
  }
}

async function writeStreamedBody(
  response: ServerResponse,
  script: { status: number; headers: Record<string, string> | undefined; body: StreamedBody },
): Promise<void> {
  const { body } = script;
  const length = body.contentLength === undefined ? {} : { 'content-length': String(body.contentLength) };
  response.writeHead(script.status, { 'content-type': body.contentType, ...length, ...script.headers });
  response.flushHeaders();
  for await (const chunk of body.chunks()) {
    if (response.destroyed) return;
    if (!response.write(chunk))
      await new Promise<void>((resolve) => {
        response.once('drain', resolve);
        response.once('close', resolve);
      });
  }
  if (response.destroyed) return;
  if (body.then === 'cut') response.destroy();
  else if (body.then !== 'hang') response.end();
}

function pause(milliseconds: number, response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, milliseconds);
    response.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
