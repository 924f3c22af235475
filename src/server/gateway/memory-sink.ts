/**
 * A response sink that answers nobody: Podium's own internal calls (cascade tiers, shadow calls to
 * the reference, repair retries) run through the same pipeline and land here.
 */
import type { PodiumError } from '../../contract/index.js';
import type { CapturedResponse } from './captured-response.js';
import type { ResponseSink } from './response-sink.js';

export class MemorySink implements ResponseSink {
  private status = 0;
  private headers: Readonly<Record<string, string>> = {};
  private streamed = false;
  private readonly chunks: string[] = [];
  private error: PodiumError | undefined;
  private sent = false;

  /** `signal` aborts the internal call (the client's own signal, or a timeout). */
  constructor(readonly signal: AbortSignal) {}

  get started(): boolean {
    return this.sent;
  }

  send(status: number, body: Buffer | string, headers: Readonly<Record<string, string>> = {}): void {
    this.sent = true;
    this.status = status;
    this.headers = headers;
    this.chunks.push(typeof body === 'string' ? body : body.toString('utf8'));
  }

  startStream(status: number, headers: Readonly<Record<string, string>> = {}): void {
    this.sent = true;
    this.streamed = true;
    this.status = status;
    this.headers = headers;
  }

  write(text: string): boolean {
    this.chunks.push(text);
    return true;
  }

  drain(): Promise<void> {
    return Promise.resolve();
  }

  end(): void {}

  fail(error: PodiumError): void {
    this.error = error;
    if (!this.sent) this.status = error.status;
    this.sent = true;
  }

  /** What was answered so far. */
  captured(): CapturedResponse {
    return {
      status: this.status,
      headers: this.headers,
      streamed: this.streamed,
      body: this.chunks.join(''),
      error: this.error,
    };
  }
}
