import { PodiumError } from '../../contract/index.js';
import { findTrailingTopLevelValue } from './splice-json-field.js';

export interface BodyLimit {
  maxBytes: number;
  /** Named in the error, never the upstream's URL. */
  provider: string;
}

/** The body was larger than Podium reads: not retryable, the same call would get the same answer. */
export class UpstreamBodyTooLargeError extends PodiumError {
  constructor(limit: BodyLimit) {
    super(
      'upstream_body_too_large',
      `provider "${limit.provider}" sent a response body larger than ${limit.maxBytes} bytes`,
    );
  }
}

/**
 * Reads a whole upstream body into one Buffer, failing (and releasing the connection) as soon as it
 * passes `limit.maxBytes`: a hostile or broken upstream must not choose how much memory a call takes.
 */
export async function readUpstreamBody(body: AsyncIterable<Buffer | Uint8Array>, limit: BodyLimit): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of body) {
    length += chunk.length;
    // Throwing inside the loop returns the iterator, which destroys the socket's stream.
    if (length > limit.maxBytes) throw new UpstreamBodyTooLargeError(limit);
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  }
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, length);
}

/** Parses JSON, returning undefined instead of throwing (error bodies are not always JSON). */
export function parseJsonOrUndefined(buffer: Buffer): unknown {
  try {
    return JSON.parse(buffer.toString('utf8'));
  } catch {
    return undefined;
  }
}

const tailScanFromBytes = 8192;

/**
 * What usage readers need from a response body: `{ usage }` cut from the body's tail without parsing
 * the rest (choices, embeddings vectors), or the whole parsed body when the tail does not end with it.
 */
export function usageView(buffer: Buffer): unknown {
  // Below a few KB the native parser beats any scan in JS (measured by the gateway bench).
  if (buffer.length < tailScanFromBytes) return parseJsonOrUndefined(buffer);
  const text = buffer.toString('utf8');
  const span = findTrailingTopLevelValue(text, 'usage');
  if (span) {
    try {
      return { usage: JSON.parse(text.slice(span.start, span.end)) as unknown };
    } catch {
      // Not valid JSON after all: fall through to the whole body.
    }
  }
  return parseJsonOrUndefined(buffer);
}
