/** Usage of the Responses API: from a response body, a stream event, or a raw stream payload. */
import type { Usage } from '../../../contract/index.js';
import { hasObjectField, tryParseJson } from '../shared/json-scan.js';
import { checkedUsage } from '../shared/checked-usage.js';
import { asRecord, numberField } from '../shared/record.js';

/** Reads a Responses `usage` object; OpenAI counts cached and reasoning tokens inside the totals already. Implausible counts read as none. */
export function usageFromOpenAIResponsesUsage(usage: unknown): Usage | undefined {
  const record = asRecord(usage);
  const input = numberField(record, 'input_tokens');
  const output = numberField(record, 'output_tokens');
  if (input === undefined && output === undefined) return undefined;
  return checkedUsage({
    inputTokens: input ?? 0,
    outputTokens: output ?? 0,
    cacheReadTokens: numberField(asRecord(record?.input_tokens_details), 'cached_tokens') ?? 0,
    cacheWriteTokens: 0,
    reasoningTokens: numberField(asRecord(record?.output_tokens_details), 'reasoning_tokens') ?? 0,
  });
}

/** Usage of a non-streamed response body. */
export function usageFromOpenAIResponse(json: unknown): Usage | undefined {
  return usageFromOpenAIResponsesUsage(asRecord(json)?.usage);
}

// The events that close a response; each carries the final `response`, usage included.
const terminalEvents: ReadonlySet<unknown> = new Set(['response.completed', 'response.incomplete', 'response.failed']);

/** Usage from a parsed stream event: only terminal events carry it. */
export function usageFromOpenAIResponsesEvent(event: unknown): Usage | undefined {
  const record = asRecord(event);
  if (!terminalEvents.has(record?.type)) return undefined;
  return usageFromOpenAIResponse(record?.response);
}

/**
 * Usage from one raw `data:` payload of a forwarded Responses stream. Only a payload with a
 * `"usage": {…}` object is parsed (`response.created` says `"usage":null`; deltas say nothing).
 */
export function usageFromOpenAIResponsesData(data: string): Usage | undefined {
  if (!hasObjectField(data, 'usage')) return undefined;
  return usageFromOpenAIResponsesEvent(tryParseJson(data));
}
