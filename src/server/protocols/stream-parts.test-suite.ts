/** Shared by the protocols' stream tests: what a client assembles from parts, and usage literals. */
import type { StreamPart, Usage } from '../../contract/index.js';

/** A canonical usage with zero subsets unless given. */
export const usage = (inputTokens: number, outputTokens: number, subsets: Partial<Usage> = {}): Usage => ({
  inputTokens,
  outputTokens,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
  ...subsets,
});

/** What a client would assemble from the parts: text, tool calls by index, the starts and the ends. */
export function assemble(parts: readonly StreamPart[]) {
  let text = '';
  const tools: Array<{ id: string; name: string; arguments: string }> = [];
  for (const part of parts) {
    if (part.type === 'text-delta') text += part.text;
    if (part.type === 'tool-call-start') tools[part.index] = { id: part.id, name: part.name, arguments: '' };
    if (part.type === 'tool-call-delta') {
      const tool = tools[part.index];
      if (tool) tool.arguments += part.argumentsDelta;
    }
  }
  return {
    start: parts[0],
    starts: parts.filter((part) => part.type === 'response-start'),
    text,
    tools,
    ends: parts.filter((part) => part.type === 'response-end'),
  };
}
