/**
 * The fetch the Streamable HTTP transport uses, with its response bodies bounded: the SDK reads a JSON
 * answer whole and buffers SSE events, so a hostile or broken endpoint could otherwise grow Podium's
 * memory without limit. A JSON body is bounded in total; an SSE stream (long-lived: it carries
 * notifications for days) is bounded per event. Past the bound the body errors and the call fails.
 */
import type { FetchLike } from '@modelcontextprotocol/client';

const lineFeed = 10;
const carriageReturn = 13;

export function boundedFetch(maxBytes: number, base: FetchLike = fetch): FetchLike {
  return async (url, init) => {
    const response = await base(url, init);
    if (response.body === null) return response;
    const perEvent = (response.headers.get('content-type') ?? '').includes('text/event-stream');
    let size = 0;
    let previous = 0;
    const limiter = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        if (perEvent) {
          for (const byte of chunk) {
            // A blank line ends an SSE event; CR is ignored so CRLF framing counts the same.
            if (byte === carriageReturn) continue;
            size = byte === lineFeed && previous === lineFeed ? 0 : size + 1;
            previous = byte;
            // Checked per byte: an event's end later in the same chunk must not hide its size.
            if (size > maxBytes) return controller.error(tooLarge(maxBytes));
          }
        } else {
          size += chunk.byteLength;
          if (size > maxBytes) return controller.error(tooLarge(maxBytes));
        }
        controller.enqueue(chunk);
      },
    });
    return new Response(response.body.pipeThrough(limiter), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}

function tooLarge(maxBytes: number): Error {
  return new Error(`the upstream's response was larger than ${maxBytes} bytes`);
}
