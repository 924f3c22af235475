/**
 * Usage for a call whose upstream answered 2xx but reported none that could be trusted (a stream
 * without its usage chunk, garbage SSE, a body that is not JSON, or counts checked-usage refused).
 * Such a call was still served and still cost money upstream, so it is estimated — prompt tokens from
 * the request, completion tokens from the text actually relayed — priced, settled against budgets
 * and marked `usageEstimated` in the ledger. Counted with o200k: close for OpenAI models, within ~20%
 * for others, and never zero for a call that produced text.
 */
import { countTokens } from '../tokens/index.js';
import type { Usage } from '../../contract/index.js';
import type { GatewayCall } from './gateway-call.js';
import type { RelayedText } from './relayed-text.js';

/** Only this much text is tokenized; the rest is counted at the typical ~4 characters per token. */
const maxTokenizedChars = 256 * 1024;
const charsPerToken = 4;
/** Chat formats add a few tokens of framing per message. */
const tokensPerMessage = 4;
/** Images are billed by size, not by their base64 text: a flat allowance each (as budgets reserve). */
const tokensPerImage = 1600;
const promptKeys = ['system', 'messages', 'input', 'instructions', 'tools', 'prompt', 'contents'] as const;

function tokensOf(text: string, overflowChars = 0): number {
  if (text.length === 0) return Math.ceil(overflowChars / charsPerToken);
  const head = text.length > maxTokenizedChars ? text.slice(0, maxTokenizedChars) : text;
  const rest = text.length - head.length + overflowChars;
  return countTokens(head) + Math.ceil(rest / charsPerToken);
}

function collectPrompt(value: unknown, parts: string[], counts: { images: number }): void {
  if (typeof value === 'string') {
    if (value.startsWith('data:') && value.length > 256) counts.images += 1;
    else parts.push(value);
  } else if (Array.isArray(value)) {
    for (const item of value) collectPrompt(item, parts, counts);
  } else if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (record.type === 'image_url' || record.type === 'image' || record.type === 'input_image') counts.images += 1;
    for (const [key, child] of Object.entries(record)) {
      if (key !== 'image_url' && key !== 'source' && key !== 'url') collectPrompt(child, parts, counts);
    }
  }
}

/** Estimated usage from the request body and the relayed answer. */
export function estimateUsage(options: {
  body: Record<string, unknown>;
  relayed: RelayedText | undefined;
  generates: boolean;
}): Usage {
  const parts: string[] = [];
  const counts = { images: 0 };
  for (const key of promptKeys) if (options.body[key] !== undefined) collectPrompt(options.body[key], parts, counts);
  const messages = Array.isArray(options.body.messages) ? options.body.messages.length : 0;
  const inputTokens = tokensOf(parts.join('\n')) + messages * tokensPerMessage + counts.images * tokensPerImage;
  let outputTokens = 0;
  if (options.generates && options.relayed) {
    const relayed = options.relayed.read();
    outputTokens = tokensOf(relayed.text, relayed.overflowChars);
  }
  return { inputTokens, outputTokens, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 };
}

/**
 * Sets the call's usage: what the upstream reported when it is usable, else an estimate (marked, and
 * warned about in `x-podium-warning` when headers are still unsent).
 */
export function useUsage(
  call: GatewayCall,
  options: { reported: Usage | undefined; relayed: RelayedText | undefined },
): void {
  if (options.reported !== undefined) {
    call.usage = options.reported;
    return;
  }
  const usage = estimateUsage({
    body: call.body,
    relayed: options.relayed,
    generates: call.surface !== 'openai-embeddings',
  });
  call.usage = usage;
  call.usageEstimated = true;
  call.warnings.push(
    `the upstream reported no usable usage: estimated at ${usage.inputTokens} input and ${usage.outputTokens} output tokens`,
  );
}
