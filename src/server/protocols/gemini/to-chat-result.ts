/** A Gemini `generateContent` response → canonical ChatResult. */
import { emptyUsage, PodiumError, type AssistantPart, type ChatResult } from '../../../contract/index.js';
import { finishReasonFromGemini } from './finish-reason.js';
import { geminiResponseSchema } from './response-schema.js';
import { randomToolCallId, type ToolCallIdGenerator } from './tool-call-id.js';
import { usageFromGemini } from './usage.js';

export interface GeminiResultOptions {
  generateId?: ToolCallIdGenerator;
}

/**
 * Reads the first candidate. Thought summaries (`thought: true`) are left out; a prompt blocked
 * before any candidate (`promptFeedback.blockReason`) is a content-filter finish with no content.
 */
export function toChatResult(json: unknown, options: GeminiResultOptions = {}): ChatResult {
  const parsed = geminiResponseSchema.safeParse(json);
  if (!parsed.success) {
    throw new PodiumError(
      'upstream_protocol_error',
      `Unexpected Gemini response: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
      { cause: parsed.error },
    );
  }
  const response = parsed.data;
  const generateId = options.generateId ?? randomToolCallId;
  const candidate = response.candidates?.[0];
  const content: AssistantPart[] = [];
  for (const part of candidate?.content?.parts ?? []) {
    if (part.thought === true) continue;
    if (part.text) content.push({ type: 'text', text: part.text });
    const call = part.functionCall;
    if (call?.name)
      content.push({
        type: 'tool-call',
        id: call.id ?? generateId(),
        name: call.name,
        arguments: JSON.stringify(call.args ?? {}),
      });
  }
  const hasToolCalls = content.some((part) => part.type === 'tool-call');
  const blocked = candidate === undefined && Boolean(response.promptFeedback?.blockReason);
  return {
    id: response.responseId ?? '',
    model: response.modelVersion ?? '',
    content,
    finishReason: blocked
      ? 'content-filter'
      : finishReasonFromGemini(candidate?.finishReason ?? undefined, hasToolCalls),
    usage: usageFromGemini(response.usageMetadata) ?? emptyUsage(),
  };
}
