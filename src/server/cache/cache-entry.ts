/**
 * A stored answer: exactly what the client received (status, the headers worth repeating, the JSON
 * body or the SSE text) and when it was stored. Stored as JSON text; reading it back goes through a
 * schema, so a truncated, foreign or older-format value is a miss, never a crash or a wrong answer.
 */
import { z } from 'zod';

const cacheEntrySchema = z.strictObject({
  version: z.literal(1),
  status: z.literal(200),
  streamed: z.boolean(),
  headers: z.record(z.string(), z.string()),
  body: z.string(),
  /** Milliseconds on the cache's clock (wall clock in production: replicas compare it). */
  storedAt: z.number().finite(),
});

export type CacheEntry = z.infer<typeof cacheEntrySchema>;

/** The stored text of an entry. */
export function encodeCacheEntry(entry: CacheEntry): string {
  return JSON.stringify(entry);
}

/** The entry stored as `text`, or undefined when the text is not a valid entry. */
export function decodeCacheEntry(text: string): CacheEntry | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = cacheEntrySchema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}
