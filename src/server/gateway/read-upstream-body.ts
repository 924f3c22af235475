import { findTrailingTopLevelValue } from './splice-json-field.js';

/** Reads a whole upstream body into one Buffer. */
export async function readUpstreamBody(body: AsyncIterable<Buffer | Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
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
