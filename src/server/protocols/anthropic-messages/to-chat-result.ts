/** An upstream Message → canonical ChatResult. */
import { z } from 'zod';
import { emptyUsage, PodiumError, type AssistantPart, type ChatResult } from '../../../contract/index.js';
import { stopReasonFromAnthropic } from './stop-reason.js';
import { usageFromAnthropic } from './usage.js';

/** Lenient: every field `.nullish()`, content blocks of any type (only text and tool_use are read). */
const anthropicMessageSchema = z.looseObject({
  id: z.string().nullish(),
  model: z.string().nullish(),
  content: z
    .array(
      z.looseObject({
        type: z.string(),
        text: z.string().nullish(),
        id: z.string().nullish(),
        name: z.string().nullish(),
        input: z.unknown().optional(),
      }),
    )
    .nullish(),
  stop_reason: z.string().nullish(),
  usage: z.unknown().optional(),
});

/**
 * Reads text and tool_use blocks. Thinking and server-tool blocks have no canonical part and are
 * left out; their tokens remain in usage.
 */
export function toChatResult(json: unknown): ChatResult {
  const parsed = anthropicMessageSchema.safeParse(json);
  if (!parsed.success) {
    throw new PodiumError(
      'upstream_protocol_error',
      `Unexpected message from upstream: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
      { cause: parsed.error },
    );
  }
  const message = parsed.data;
  const content: AssistantPart[] = [];
  for (const block of message.content ?? []) {
    if (block.type === 'text' && typeof block.text === 'string') content.push({ type: 'text', text: block.text });
    if (block.type === 'tool_use') {
      content.push({
        type: 'tool-call',
        id: block.id ?? '',
        name: block.name ?? '',
        arguments: JSON.stringify(block.input ?? {}),
      });
    }
  }
  return {
    id: message.id ?? '',
    model: message.model ?? '',
    content,
    finishReason: stopReasonFromAnthropic(message.stop_reason),
    usage: usageFromAnthropic(message.usage) ?? emptyUsage(),
  };
}
