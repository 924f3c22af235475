/** An upstream chat completion → canonical ChatResult. */
import { emptyUsage, PodiumError, type AssistantPart, type ChatResult } from '../../../contract/index.js';
import { finishReasonFromOpenAI } from './finish-reason.js';
import { openAIChatCompletionSchema } from './response-schema.js';
import { usageFromOpenAI } from './usage.js';

/**
 * Reads the first choice (Podium never asks for more). A refusal is kept as text, since the canonical
 * model has no refusal part and dropping it would leave the client an empty answer. Reasoning text
 * some servers add (`reasoning_content`) has no canonical place and is left out; its tokens are
 * still counted in usage.
 */
export function toChatResult(json: unknown): ChatResult {
  const parsed = openAIChatCompletionSchema.safeParse(json);
  if (!parsed.success) {
    throw new PodiumError(
      'upstream_protocol_error',
      `Unexpected chat completion from upstream: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
      { cause: parsed.error },
    );
  }
  const completion = parsed.data;
  const choice = completion.choices?.[0];
  const message = choice?.message;
  const content: AssistantPart[] = [];
  if (message?.content) content.push({ type: 'text', text: message.content });
  else if (message?.refusal) content.push({ type: 'text', text: message.refusal });
  for (const call of message?.tool_calls ?? []) {
    content.push({
      type: 'tool-call',
      id: call.id ?? '',
      name: call.function?.name ?? '',
      arguments: call.function?.arguments ?? '',
    });
  }
  return {
    id: completion.id ?? '',
    model: completion.model ?? '',
    content,
    finishReason: finishReasonFromOpenAI(choice?.finish_reason),
    usage: usageFromOpenAI(completion.usage) ?? emptyUsage(),
  };
}
