/**
 * Forwards a response to the client unchanged while keeping a copy: the exact cache stores it,
 * shadow sampling grades it. Only calls that need the copy pay for it.
 */
import type { PodiumError } from '../../contract/index.js';
import type { CapturedResponse } from './captured-response.js';
import { MemorySink } from './memory-sink.js';
import type { ResponseSink } from './response-sink.js';

export interface TeeSink extends ResponseSink {
  captured(): CapturedResponse;
}

export function teeSink(target: ResponseSink): TeeSink {
  const copy = new MemorySink(target.signal);
  return {
    get signal() {
      return target.signal;
    },
    get started() {
      return target.started;
    },
    send(status: number, body: Buffer | string, headers?: Readonly<Record<string, string>>) {
      copy.send(status, body, headers);
      target.send(status, body, headers);
    },
    startStream(status: number, headers?: Readonly<Record<string, string>>) {
      copy.startStream(status, headers);
      target.startStream(status, headers);
    },
    write(text: string) {
      copy.write(text);
      return target.write(text);
    },
    drain: () => target.drain(),
    end() {
      target.end();
    },
    fail(error: PodiumError) {
      copy.fail(error);
      target.fail(error);
    },
    captured: () => copy.captured(),
  };
}
