/**
 * The most a call can cost, estimated before it is sent: prompt tokens counted with a real
 * tokenizer (o200k, offline) plus the output the caller allows (`max_tokens` and its siblings), or
 * a high-percentile assumption when it sets none. With max_tokens set this bounds the real cost,
 * so a hard budget cannot be overshot (see docs/budgets.md for the margins).
 */
import { countTokens } from '../tokens/index.js';

export interface CallEstimate {
  inputTokens: number;
  outputTokens: number;
  /** Whether the caller capped the output; without a cap the estimate is an assumption, not a bound. */
  outputCapped: boolean;
}

/** Images are billed by size, not by their base64 text: a generous flat allowance each. */
const tokensPerImage = 1600;
/** Chat formats add a few tokens of framing per message. */
const tokensPerMessage = 4;
/** Other vendors' tokenizers split text differently from o200k; measured differences stay under 20%. */
const foreignTokenizerMargin = 1.2;

const outputFields = ['max_completion_tokens', 'max_tokens', 'max_output_tokens'] as const;

function collectText(value: unknown, parts: string[], counts: { images: number; messages: number }): void {
  if (typeof value === 'string') {
    if (value.startsWith('data:') && value.length > 256) counts.images += 1;
    else parts.push(value);
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) collectText(item, parts, counts);
    return;
  }
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (record.type === 'image_url' || record.type === 'image' || record.type === 'input_image') counts.images += 1;
    for (const [key, child] of Object.entries(record)) {
      // Image payloads and URLs are not text the model reads as tokens.
      if (key === 'image_url' || key === 'source' || key === 'url') continue;
      collectText(child, parts, counts);
    }
  }
}

/** Estimates a call from its (already validated) body. */
export function estimateCall(options: {
  body: Record<string, unknown>;
  defaultMaxOutputTokens: number;
  openAITokenizer: boolean;
}): CallEstimate {
  const { body } = options;
  const parts: string[] = [];
  const counts = { images: 0, messages: 0 };
  for (const key of ['system', 'messages', 'input', 'instructions', 'tools', 'prompt'] as const) {
    const value = body[key];
    if (value === undefined) continue;
    if (key === 'messages' && Array.isArray(value)) counts.messages = value.length;
    collectText(value, parts, counts);
  }
  const counted = parts.length === 0 ? 0 : countTokens(parts.join('\n'));
  const margin = options.openAITokenizer ? 1 : foreignTokenizerMargin;
  const inputTokens = Math.ceil(counted * margin) + counts.messages * tokensPerMessage + counts.images * tokensPerImage;
  let capped: number | undefined;
  for (const field of outputFields) {
    const value = body[field];
    if (typeof value === 'number' && Number.isFinite(value) && value > 0) capped = Math.min(capped ?? value, value);
  }
  return { inputTokens, outputTokens: capped ?? options.defaultMaxOutputTokens, outputCapped: capped !== undefined };
}
