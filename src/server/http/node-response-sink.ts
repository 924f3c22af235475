/** ResponseSink over a Node ServerResponse: headers, SSE writes with back-pressure, errors by shape. */
import type { ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { PodiumError } from '../../contract/index.js';
import type { GatewayCall, ResponseSink } from '../gateway/index.js';
import { errorResponse, streamErrorFrame, type ErrorShape } from './error-shapes.js';

const streamHeaders = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  connection: 'keep-alive',
};

export class NodeResponseSink implements ResponseSink {
  private readonly controller = new AbortController();
  private finished = false;

  constructor(
    private readonly response: ServerResponse,
    private readonly call: GatewayCall,
    private readonly shape: ErrorShape,
  ) {
    // 'close' before the response finished means the client went away: cancel the upstream call.
    response.on('close', () => {
      if (!response.writableFinished) this.controller.abort(new Error('client disconnected'));
    });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get started(): boolean {
    return this.response.headersSent;
  }

  send(status: number, body: Buffer | string, headers?: Readonly<Record<string, string>>): void {
    this.writeHead(
      status,
      { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
      headers,
    );
    this.finished = true;
    this.response.end(body);
  }

  startStream(status: number, headers?: Readonly<Record<string, string>>): void {
    this.writeHead(status, { ...streamHeaders }, headers);
    this.response.flushHeaders();
  }

  write(text: string): boolean {
    return this.response.write(text);
  }

  drain(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.response.off('drain', done);
        this.response.off('close', done);
        resolve();
      };
      this.response.once('drain', done);
      this.response.once('close', done);
    });
  }

  end(): void {
    this.finished = true;
    this.response.end();
  }

  fail(error: PodiumError): void {
    if (this.finished || this.response.destroyed) return;
    if (this.started) {
      this.response.end(streamErrorFrame(error, this.shape));
      this.finished = true;
      return;
    }
    const { status, body } = errorResponse(error, this.shape);
    const headers: Record<string, string> = { ...error.headers };
    if (error.retryAfterMs !== undefined) headers['retry-after'] = String(Math.ceil(error.retryAfterMs / 1000));
    this.send(status, body, headers);
  }

  /** Writes the status line once, adding Podium's own headers to `base` in place (no copies on the hot path). */
  private writeHead(
    status: number,
    base: Record<string, string>,
    extra: Readonly<Record<string, string>> | undefined,
  ): void {
    const overheadMs = Math.max(0, performance.now() - this.call.startedAt - this.call.upstreamMs);
    this.call.overheadMs = overheadMs;
    if (extra) for (const name in extra) base[name] = extra[name] as string;
    base['x-podium-request-id'] = this.call.id;
    base['x-podium-overhead-ms'] = overheadMs.toFixed(3);
    this.response.writeHead(status, base);
  }
}
