/**
 * An incremental Server-Sent Events parser (WHATWG HTML § 9.2.6) for upstream streams.
 *
 * It sits on the hot path of every streamed call, so it scans the text with `indexOf` and slices each
 * field value once: no per-line strings, no regular expressions, and no result array when a chunk
 * completes no event. An unterminated line is kept as a list of pieces and only the new bytes are
 * scanned, so a line spread over many chunks costs time linear in its length (concatenating and
 * rescanning the tail on every chunk made one 100 MB line cost minutes of CPU). Lines and events are
 * bounded: past `maxEventLength` the parser throws instead of buffering a hostile upstream's output.
 */
import { SseLimitError } from './sse-limit-error.js';

/** One dispatched event. `event` is absent for the default `message` type. */
export interface SseEvent {
  event?: string;
  data: string;
}

export interface SseParserOptions {
  /** Longest line, and largest event (its data lines together), in characters; more throws SseLimitError. */
  maxEventLength?: number;
}

/** 16 Mi characters: far above any real event (a large tool call's arguments), far below what hurts. */
export const defaultMaxSseEventLength = 16 * 1024 * 1024;

const LF = 10;
const CR = 13;
const COLON = 58;
const SPACE = 32;
const BOM = 0xfeff;
const noEvents: readonly SseEvent[] = Object.freeze([]);

export class SseParser {
  readonly #maxLength: number;
  #decoder: InstanceType<typeof TextDecoder> | undefined;
  /** The unterminated line so far, as the pieces it arrived in (joined once, when it ends). */
  #pieces: string[] = [];
  #piecesLength = 0;
  /** The last chunk ended in CR: an LF at the start of the next one belongs to that CRLF. */
  #afterCr = false;
  #atStart = true;
  /** The event's first data line; later ones go to `#moreData` (one allocation only for multi-line data). */
  #data: string | undefined;
  #moreData: string[] | undefined;
  #dataLength = 0;
  #event: string | undefined;
  #events: SseEvent[] | undefined;

  constructor(options: SseParserOptions = {}) {
    this.#maxLength = options.maxEventLength ?? defaultMaxSseEventLength;
  }

  /** Feeds a chunk (bytes are decoded as UTF-8, even when a character spans two chunks). */
  push(chunk: string | Uint8Array): readonly SseEvent[] {
    let text =
      typeof chunk === 'string' ? chunk : (this.#decoder ??= new TextDecoder()).decode(chunk, { stream: true });
    if (text.length === 0) return noEvents;
    if (this.#atStart) {
      this.#atStart = false;
      if (text.charCodeAt(0) === BOM) text = text.slice(1);
    }
    let start = 0;
    if (this.#afterCr) {
      // Only possible with no pieces pending: the CR ended the previous chunk's last line.
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
    if (tail.length > 0) this.#keep(tail);
    if (this.#piecesLength > 0) {
      const rest = this.#takePieces();
      this.#line(rest, 0, rest.length);
    }
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
      if (this.#piecesLength > 0) {
        this.#keep(text.slice(start, end));
        const line = this.#takePieces();
        this.#line(line, 0, line.length);
      } else {
        if (end - start > this.#maxLength) throw new SseLimitError(this.#maxLength);
        this.#line(text, start, end);
      }
      if (text.charCodeAt(end) === CR) {
        if (end + 1 === length) this.#afterCr = true;
        else if (text.charCodeAt(end + 1) === LF) {
          start = end + 2;
          continue;
        }
      }
      start = end + 1;
    }
    if (start < length) this.#keep(start === 0 ? text : text.slice(start));
  }

  #keep(piece: string): void {
    this.#piecesLength += piece.length;
    if (this.#piecesLength > this.#maxLength) throw new SseLimitError(this.#maxLength);
    this.#pieces.push(piece);
  }

  #takePieces(): string {
    const line = this.#pieces.length === 1 ? (this.#pieces[0] as string) : this.#pieces.join('');
    this.#pieces = [];
    this.#piecesLength = 0;
    return line;
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
      this.#addData(valueStart >= end ? '' : text.slice(valueStart, end));
    } else if (nameLength === 5 && text.startsWith('event', start)) {
      this.#event = valueStart >= end ? '' : text.slice(valueStart, end);
    }
    // `id` and `retry` matter to browsers reconnecting; a proxy reading one response ignores them.
  }

  #addData(value: string): void {
    if (this.#data === undefined) {
      this.#data = value;
      this.#dataLength = value.length;
      return;
    }
    // Joining on every line would make an event of many short lines quadratic.
    this.#dataLength += value.length + 1;
    if (this.#dataLength > this.#maxLength) throw new SseLimitError(this.#maxLength);
    (this.#moreData ??= []).push(value);
  }

  #dispatch(): void {
    const first = this.#data;
    const more = this.#moreData;
    const event = this.#event;
    this.#data = undefined;
    this.#moreData = undefined;
    this.#dataLength = 0;
    this.#event = undefined;
    if (first === undefined) return;
    const data = more === undefined ? first : `${first}\n${more.join('\n')}`;
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
