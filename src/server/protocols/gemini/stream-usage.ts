import type { Usage } from '../../../contract/index.js';
import { tryParseJson } from '../shared/json-scan.js';
import { asRecord } from '../shared/record.js';
import { usageFromGemini } from './usage.js';

/**
 * Usage from the raw `data:` payloads of a Gemini stream forwarded untouched. Every chunk repeats the
 * usage so far, so rather than parsing each one this keeps the last payload that has counts and
 * parses only that one, when asked.
 */
export class GeminiStreamUsage {
  #last: string | undefined;

  /** Looks at one `data:` payload (a reference is kept; nothing is parsed). */
  observe(data: string): void {
    if (data.includes('"promptTokenCount"') || data.includes('"candidatesTokenCount"')) this.#last = data;
  }

  /** The usage of the last payload that had counts. */
  usage(): Usage | undefined {
    return this.#last === undefined ? undefined : usageFromGemini(asRecord(tryParseJson(this.#last))?.usageMetadata);
  }
}
