/**
 * Scripted responses of a hostile or broken upstream, for the fake upstream: stalls after the
 * headers, cut bodies, garbage and endless SSE lines, bodies far larger than anything real. Large
 * bodies are generated lazily, chunk by chunk, so a test never holds them in memory.
 */
import type { ScriptedResponse } from './fake-upstream.js';

const chunkSize = 64 * 1024;

/** `bytes` characters of `x`, in 64 KiB chunks, made on demand. */
function* filler(bytes: number): Generator<string> {
  const chunk = 'x'.repeat(chunkSize);
  for (let sent = 0; sent < bytes; sent += chunkSize)
    yield bytes - sent >= chunkSize ? chunk : chunk.slice(0, bytes - sent);
}

const sseFrame = (data: string, event?: string): string => `${event ? `event: ${event}\n` : ''}data: ${data}\n\n`;

/** Headers, then nothing more: neither body bytes nor the end of the response. */
export function hangAfterHeaders(options: {
  stream: boolean;
  events?: readonly { event?: string; data: string }[];
}): ScriptedResponse {
  const events = options.events ?? [];
  return {
    body: {
      contentType: options.stream ? 'text/event-stream' : 'application/json',
      chunks: () => events.map((event) => sseFrame(event.data, event.event)),
      then: 'hang',
    },
  };
}

/** A JSON body whose Content-Length promises all of it, cut off halfway by a dropped connection. */
export function cutJsonBody(json: unknown): ScriptedResponse {
  const text = JSON.stringify(json);
  return {
    body: {
      contentType: 'application/json',
      contentLength: Buffer.byteLength(text),
      chunks: () => [text.slice(0, Math.floor(text.length / 2))],
      then: 'cut',
    },
  };
}

/** A syntactically valid JSON body of about `bytes` bytes (one long string field). */
export function hugeJsonBody(bytes: number): ScriptedResponse {
  return {
    body: {
      contentType: 'application/json',
      chunks: function* () {
        yield '{"id":"huge","padding":"';
        yield* filler(bytes);
        yield '"}';
      },
    },
  };
}

/**
 * A stream whose `events` are followed by one `data:` line of `bytes` characters that ends only after
 * all of them (100 MB in the reported attack); the events arrive `gapMs` apart, before the line.
 */
export function hugeSseLine(options: {
  bytes: number;
  events?: readonly { event?: string; data: string }[];
  gapMs?: number;
}): ScriptedResponse {
  return {
    body: {
      contentType: 'text/event-stream',
      chunks: async function* () {
        for (const event of options.events ?? []) {
          yield sseFrame(event.data, event.event);
          await new Promise((resolve) => setTimeout(resolve, options.gapMs ?? 5));
        }
        yield 'data: ';
        yield* filler(options.bytes);
        yield '\n\n';
      },
    },
  };
}

/** Raw text as an SSE body: garbage, or frames cut anywhere. */
export function rawSse(text: string, then: 'end' | 'hang' | 'cut' = 'end'): ScriptedResponse {
  return { body: { contentType: 'text/event-stream', chunks: () => [text], then } };
}
