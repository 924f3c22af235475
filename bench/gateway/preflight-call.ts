/**
 * One call before any load: proves the target answers 200 with a chat.completion that carries
 * usage, and returns its response headers so callers can check what their target adds.
 */
import { z } from 'zod';
import { request } from 'undici';
import type { LoadTarget } from './load-generator.js';

const completionSchema = z.object({
  object: z.literal('chat.completion'),
  choices: z.array(z.object({ message: z.object({ content: z.string() }) })).min(1),
  usage: z.object({ prompt_tokens: z.number(), completion_tokens: z.number() }),
});

/** Throws with the status and body when the call does not succeed. */
export async function preflightCall(
  name: string,
  target: LoadTarget,
): Promise<Record<string, string | string[] | undefined>> {
  const response = await request(`${target.origin}${target.path}`, {
    method: 'POST',
    headers: target.headers,
    body: target.body,
    headersTimeout: 10_000,
    bodyTimeout: 10_000,
  });
  const text = await response.body.text();
  if (response.statusCode !== 200) throw new Error(`${name}: preflight call → HTTP ${response.statusCode}: ${text}`);
  const parsed = completionSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${name}: preflight response is not a chat.completion with usage: ${text}`);
  return response.headers;
}
