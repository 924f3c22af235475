/**
 * How the gateway answers without knowing the HTTP server: the edge (http/) implements this over a
 * Node response and is the only place that turns a PodiumError into bytes in the caller's API shape.
 */
import type { PodiumError } from '../../contract/index.js';

export interface ResponseSink {
  /** Aborted when the client disconnects before the response is complete. */
  readonly signal: AbortSignal;
  /** True once a status line has been sent: from then on a failure cannot be retried elsewhere. */
  readonly started: boolean;
  /** A complete, non-streamed response. The body is sent as is (already JSON). */
  send(status: number, body: Buffer | string, headers?: Readonly<Record<string, string>>): void;
  /** Starts a server-sent-events response. */
  startStream(status: number, headers?: Readonly<Record<string, string>>): void;
  /** Writes SSE text; false means the client is slow: await `drain()` before writing more. */
  write(text: string): boolean;
  drain(): Promise<void>;
  end(): void;
  /** Answers with an error in the caller's API shape: a JSON response, or an error event mid-stream. */
  fail(error: PodiumError): void;
}
