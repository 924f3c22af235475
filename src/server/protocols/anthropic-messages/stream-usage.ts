import type { Usage } from '../../../contract/index.js';
import { hasObjectField, tryParseJson } from '../shared/json-scan.js';
import { asRecord } from '../shared/record.js';
import { AnthropicUsageAccumulator } from './usage.js';

/**
 * Usage from the raw `data:` payloads of a Messages stream forwarded untouched. Usage is split across
 * `message_start` (prompt) and `message_delta` (cumulative totals), so this keeps state; frames without
 * a `"usage": {…}` object (every content delta) are not parsed.
 */
export class AnthropicStreamUsage {
  #accumulator = new AnthropicUsageAccumulator();

  /** Looks at one `data:` payload. */
  observe(data: string): void {
    if (!hasObjectField(data, 'usage')) return;
    const event = asRecord(tryParseJson(data));
    if (event?.type === 'message_start') this.#accumulator.observe(asRecord(event.message)?.usage);
    else if (event?.type === 'message_delta') this.#accumulator.observe(event.usage);
  }

  /** The usage seen so far (complete once `message_delta` has passed). */
  usage(): Usage | undefined {
    return this.#accumulator.usage();
  }
}
