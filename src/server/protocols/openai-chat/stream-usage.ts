import type { Usage } from '../../../contract/index.js';
import { asRecord } from '../shared/record.js';
import { hasObjectField, tryParseJson } from '../shared/json-scan.js';
import { usageFromOpenAI } from './usage.js';

/**
 * Usage from one raw `data:` payload of a chat completions stream that is forwarded untouched. Frames
 * without a `"usage": {…}` object (every delta frame, which says `"usage":null` or nothing) return
 * undefined without being parsed; only the final usage frame is.
 */
export function usageFromOpenAIChatChunk(data: string): Usage | undefined {
  if (!hasObjectField(data, 'usage')) return undefined;
  return usageFromOpenAI(asRecord(tryParseJson(data))?.usage);
}
