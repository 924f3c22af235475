/**
 * Reads a response body up to a byte limit and no further: once past it, reading stops (the
 * iterator's return destroys the stream, so the connection is dropped rather than drained).
 */

export interface BoundedBody {
  readonly bytes: Buffer;
  /** More arrived than `limit`: `bytes` holds the first `limit`. */
  readonly truncated: boolean;
}

/** At most `limit` bytes of `body`. */
export async function readBoundedBody(body: AsyncIterable<Buffer>, limit: number): Promise<BoundedBody> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of body) {
    if (length + chunk.length > limit) {
      chunks.push(chunk.subarray(0, limit - length));
      return { bytes: Buffer.concat(chunks, limit), truncated: true };
    }
    chunks.push(chunk);
    length += chunk.length;
  }
  return { bytes: Buffer.concat(chunks, length), truncated: false };
}
