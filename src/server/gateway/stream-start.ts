/**
 * Starts a streamed response on its first bytes, not on the upstream's headers: until then a stall,
 * a cut connection or garbage can still be retried or fall back to the next target, because the
 * client has seen nothing (once it has, an answer spliced from two attempts would be wrong).
 */
import type { ResponseSink } from './response-sink.js';

export class StreamStart {
  #begun = false;

  constructor(
    private readonly options: { sink: ResponseSink; status: number; headers: () => Record<string, string> },
  ) {}

  /** Whether the status line and some bytes have gone to the client. */
  get begun(): boolean {
    return this.#begun;
  }

  /** Writes SSE text, starting the response first if needed; false asks the caller to await `drain()`. */
  write(text: string): boolean {
    if (!this.#begun) {
      this.#begun = true;
      this.options.sink.startStream(this.options.status, this.options.headers());
    }
    return this.options.sink.write(text);
  }
}
