/**
 * Placeholders for one call: the same value gets the same placeholder everywhere in the call — in
 * every message of the request and in the answer — so the model (and the reader) can still tell
 * that two mentions are the same person without seeing who it is.
 */
import { placeholderLabel, type DataClass } from './data-class.js';
import type { PiiSpan } from './pii-span.js';

export class RedactionSession {
  private readonly placeholders = new Map<string, string>();
  private readonly counters = new Map<DataClass, number>();

  /** `[EMAIL_1]`, `[CARD_2]`: numbered per class in order of first appearance. */
  placeholderFor(dataClass: DataClass, value: string): string {
    const key = `${dataClass}\u0000${normalise(dataClass, value)}`;
    let placeholder = this.placeholders.get(key);
    if (placeholder === undefined) {
      const next = (this.counters.get(dataClass) ?? 0) + 1;
      this.counters.set(dataClass, next);
      placeholder = `[${placeholderLabel(dataClass)}_${next}]`;
      this.placeholders.set(key, placeholder);
    }
    return placeholder;
  }

  /** `text` with every span in `spans` (sorted, non-overlapping) replaced by its placeholder. */
  replace(text: string, spans: readonly PiiSpan[]): string {
    if (spans.length === 0) return text;
    let out = '';
    let cursor = 0;
    for (const span of spans) {
      out += text.slice(cursor, span.start) + this.placeholderFor(span.dataClass, text.slice(span.start, span.end));
      cursor = span.end;
    }
    return out + text.slice(cursor);
  }
}

/** `+44 20 7946 0958` and `+442079460958` are one number; `Ann@Example.com` and `ann@example.com` one address. */
function normalise(dataClass: DataClass, value: string): string {
  return dataClass === 'email' ? value.toLowerCase() : value.replace(/[^0-9A-Za-z]/g, '').toUpperCase();
}

const sessions = new WeakMap<object, RedactionSession>();

/** The call's session, shared by the request stage and the answer redaction. */
export function redactionSessionFor(call: object): RedactionSession {
  let session = sessions.get(call);
  if (session === undefined) {
    session = new RedactionSession();
    sessions.set(call, session);
  }
  return session;
}
