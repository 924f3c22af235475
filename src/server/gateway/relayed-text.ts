/**
 * What an upstream's answer said, kept on the side so a call whose upstream reported no usable usage
 * can still be estimated from the text the client actually received. Keeping is cheap (references to
 * payloads already in memory, bounded); reading the text out happens only when an estimate is needed.
 */

/** Keys whose string values are generated text in every protocol Podium speaks (deltas and whole answers). */
const textKeys: ReadonlySet<string> = new Set([
  'content',
  'text',
  'delta',
  'arguments',
  'partial_json',
  'thinking',
  'refusal',
  'reasoning_content',
  'output_text',
]);
/** Stream events that repeat what earlier deltas said (Responses API summaries): counting them would count twice. */
const repeatingEvent = /\.(done|completed|incomplete|failed|created|in_progress)$/;
/**
 * Beyond this much kept per call, further payloads are only counted by length: bounds what a long stream
 * holds in memory (the payloads are the strings the SSE parser already made, kept a little longer).
 */
const maxKeptChars = 256 * 1024;

function collectText(value: unknown, key: string | undefined, parts: string[]): void {
  if (typeof value === 'string') {
    if (key !== undefined && textKeys.has(key)) parts.push(value);
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) collectText(item, key, parts);
    return;
  }
  if (value !== null && typeof value === 'object') {
    for (const [childKey, child] of Object.entries(value as Record<string, unknown>)) {
      // A nested object under a text key (OpenAI's `delta: { content }`) is walked with its own keys.
      collectText(child, childKey, parts);
    }
  }
}

/** The generated text in one payload: text fields of JSON, the whole payload when it is not JSON. */
export function textOfPayload(payload: string): string {
  if (payload === '[DONE]' || payload.length === 0) return '';
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    // Garbage is what the client received: count it as such.
    return payload;
  }
  if (parsed === null || typeof parsed !== 'object') return payload;
  const type = (parsed as { type?: unknown }).type;
  if (typeof type === 'string' && repeatingEvent.test(type)) return '';
  const parts: string[] = [];
  collectText(parsed, undefined, parts);
  return parts.join('');
}

/** Bounded record of the payloads (or plain text) relayed to the client. */
export class RelayedText {
  readonly #payloads: string[] = [];
  readonly #plain: string[] = [];
  #keptPayloadChars = 0;
  #keptPlainChars = 0;
  /** Characters seen beyond the bound: estimated by length, not kept. */
  #overflowPayloadChars = 0;
  #overflowPlainChars = 0;

  /** A raw payload (a `data:` line, a body): its text fields are read only if an estimate is needed. */
  addPayload(payload: string): void {
    if (this.#keptPayloadChars + this.#keptPlainChars + payload.length > maxKeptChars) {
      this.#overflowPayloadChars += payload.length;
      return;
    }
    this.#keptPayloadChars += payload.length;
    this.#payloads.push(payload);
  }

  /** Text already known to be generated (a translated stream's deltas). */
  addText(text: string): void {
    if (this.#keptPayloadChars + this.#keptPlainChars + text.length > maxKeptChars) {
      this.#overflowPlainChars += text.length;
      return;
    }
    this.#keptPlainChars += text.length;
    this.#plain.push(text);
  }

  /**
   * The relayed text kept, and an estimate of the text characters beyond the bound: payloads past it
   * are assumed to carry text in the same proportion as the payloads kept.
   */
  read(): { text: string; overflowChars: number } {
    const fromPayloads = this.#payloads.map(textOfPayload).join('');
    const ratio = this.#keptPayloadChars === 0 ? 1 : fromPayloads.length / this.#keptPayloadChars;
    return {
      text: this.#plain.join('') + fromPayloads,
      overflowChars: Math.ceil(this.#overflowPayloadChars * ratio) + this.#overflowPlainChars,
    };
  }
}
