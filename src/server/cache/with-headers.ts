/** A response sink that adds headers to whatever the wrapped sink starts (`x-podium-cache: miss`). */
import type { ResponseSink } from '../gateway/index.js';

/** `sink`, with `extra` added to the headers of whatever response it starts (extra wins on a clash). */
export function withHeaders(sink: ResponseSink, extra: Readonly<Record<string, string>>): ResponseSink {
  return {
    get signal() {
      return sink.signal;
    },
    get started() {
      return sink.started;
    },
    send: (status, body, headers) => sink.send(status, body, { ...headers, ...extra }),
    startStream: (status, headers) => sink.startStream(status, { ...headers, ...extra }),
    write: (text) => sink.write(text),
    drain: () => sink.drain(),
    end: () => sink.end(),
    fail: (error) => sink.fail(error),
  };
}
