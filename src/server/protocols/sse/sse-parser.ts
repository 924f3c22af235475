/**
 * An incremental Server-Sent Events parser (WHATWG HTML § 9.2.6) for upstream streams.
 *
 * It sits on the hot path of every streamed call, so it scans the text with `indexOf` and slices each
 * field value once: no per-line strings, no regular expressions, and no result array when a chunk
 * completes no event.
 */

/** One dispatched event. `event` is absent for the default `message` type. */
export interface SseEvent {
  event?: string;
  data: string;
}

const LF = 10;
const CR = 13;
const COLON = 58;
const SPACE = 32;
const BOM = 0xfeff;
const noEvents: readonly SseEvent[] = Object.freeze([]);

export class SseParser {
  #decoder: InstanceType<typeof TextDecoder> | undefined;
  /** The unterminated tail of the last chunk: a line still waiting for its end. */
  #pending = '';
  /** The last chunk ended in CR: an LF at the start of the next one belongs to that CRLF. */
  #afterCr = false;
  #atStart = true;
  #data: string | undefined;
  #event: string | undefined;
  #events: SseEvent[] | undefined;

  /** Feeds a chunk (bytes are decoded as UTF-8, even when a character spans two chunks). */
  push(chunk: string | Uint8Array): readonly SseEvent[] {
    let text = typeof chunk === 'string' ? chunk : (this.#decoder ??= new TextDecoder()).decode(chunk, { stream: true });
    if (text.length === 0) return noEvents;
    if (this.#atStart) {
      this.#atStart = false;
      if (text.charCodeAt(0) === BOM) text = text.slice(1);
    }
    let start = 0;
    if (this.#pending.length > 0) {
      text = this.#pending + text;
      this.#pending = '';
    } else if (this.#afterCr) {
      // Only possible with nothing pending: the CR ended the previous chunk's last line.
      this.#afterCr = false;
      if (text.charCodeAt(0) === LF) start = 1;
    }
    this.#scan(text, start);
    return this.#takeEvents();
  }

  /**
   * Ends the stream: a last line without its newline and an event without its blank line are still
   * delivered, because some upstreams close the connection right after the final `data:` line.
   */
  flush(): readonly SseEvent[] {
    const tail = this.#decoder?.decode() ?? '';
    const rest = this.#pending + tail;
    this.#pending = '';
    if (rest.length > 0) this.#line(rest, 0, rest.length);
    this.#dispatch();
    this.#afterCr = false;
    this.#atStart = true;
    return this.#takeEvents();
  }

  #scan(text: string, from: number): void {
    const length = text.length;
    // Cached positions of the next LF and CR: searching again only once passed keeps the scan linear.
    let lf = text.indexOf('\n', from);
    let cr = text.indexOf('\r', from);
    let start = from;
    while (start < length) {
      if (lf !== -1 && lf < start) lf = text.indexOf('\n', start);
      if (cr !== -1 && cr < start) cr = text.indexOf('\r', start);
      const end = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
      if (end === -1) break;
      this.#line(text, start, end);
      if (text.charCodeAt(end) === CR) {
        if (end + 1 === length) this.#afterCr = true;
        else if (text.charCodeAt(end + 1) === LF) {
          start = end + 2;
          continue;
        }
      }
      start = end + 1;
    }
    if (start < length) this.#pending = text.slice(start);
  }

  #line(text: string, start: number, end: number): void {
    if (start === end) {
      this.#dispatch();
      return;
    }
    if (text.charCodeAt(start) === COLON) return; // a comment, often a keep-alive
    let colon = text.indexOf(':', start);
    if (colon === -1 || colon > end) colon = end;
    let valueStart = colon + 1;
    if (valueStart < end && text.charCodeAt(valueStart) === SPACE) valueStart++;
    const nameLength = colon - start;
    if (nameLength === 4 && text.startsWith('data', start)) {
      const value = valueStart >= end ? '' : text.slice(valueStart, end);
      this.#data = this.#data === undefined ? value : `${this.#data}\n${value}`;
    } else if (nameLength === 5 && text.startsWith('event', start)) {
      this.#event = valueStart >= end ? '' : text.slice(valueStart, end);
    }
    // `id` and `retry` matter to browsers reconnecting; a proxy reading one response ignores them.
  }

  #dispatch(): void {
    const data = this.#data;
    const event = this.#event;
    this.#data = undefined;
    this.#event = undefined;
    if (data === undefined) return;
    const parsed: SseEvent = event ? { event, data } : { data };
    (this.#events ??= []).push(parsed);
  }

  #takeEvents(): readonly SseEvent[] {
    const events = this.#events;
    if (events === undefined) return noEvents;
    this.#events = undefined;
    return events;
  }
}
