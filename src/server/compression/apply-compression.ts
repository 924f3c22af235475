/**
 * Builds the compressed request from a plan: the kept messages in order, and a note where the
 * dropped ones were — the summary, or (Anthropic only, whose conversations must open with the user)
 * a one-line marker when the kept part would start with the assistant.
 */
import type { Message } from './conversation-dialect.js';
import type { CompressionPlan } from './plan-compression.js';
import { messageTokens } from './prompt-tokens.js';

export interface CompressedRequest {
  body: Record<string, unknown>;
  /** Prompt tokens of the compressed request. */
  tokensAfter: number;
}

/** Shown to the model when turns were dropped and the conversation would otherwise open with the assistant. */
export const omissionMarker = '[Earlier turns of this conversation were omitted to fit the context budget.]';

/** Applies `plan`; `note` (a summary) takes the dropped messages' place. */
export function applyCompression(plan: CompressionPlan, note?: string): CompressedRequest {
  const drop = new Set(plan.dropped);
  const first = plan.dropped[0] ?? plan.messages.length;
  const joinAt = plan.messages.findIndex(
    (message, index) => index > first && !drop.has(index) && !plan.dialect.pinned(message),
  );
  const joined = plan.messages[joinAt];
  const opensTurn = joined !== undefined && plan.dialect.opensTurn(joined);
  const text = note ?? (plan.dialect.userFirst && !opensTurn && plan.dropped.length > 0 ? omissionMarker : undefined);

  let tokensAfter = plan.tokensBefore;
  const kept: Message[] = [];
  plan.messages.forEach((message, index) => {
    if (drop.has(index)) {
      tokensAfter -= plan.tokens[index] ?? 0;
      return;
    }
    if (index === joinAt && text !== undefined) {
      // A user turn takes the note as its first part: two user messages in a row are not valid everywhere.
      kept.push(...(opensTurn ? [plan.dialect.prefixed(message, text)] : [plan.dialect.userMessage(text), message]));
      tokensAfter += messageTokens(plan.dialect.userMessage(text));
      return;
    }
    kept.push(message);
  });
  return { body: { ...plan.body, messages: kept }, tokensAfter };
}
