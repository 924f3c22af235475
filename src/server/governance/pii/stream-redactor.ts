/**
 * Redacts an answer stream event by event without breaking its framing. Each channel's latest text
 * delta is held until the next one arrives; the text is then re-cut between the two events so that
 * the tail that might still be part of a value (see `holdBackStart`) travels in the later event.
 * Every event the upstream sent reaches the client, in order, once — only the text inside deltas
 * moves, and a value split over two deltas is replaced whole.
 */
import type { Surface } from '../../../contract/index.js';
import { formatSse, type SseEvent } from '../../protocols/index.js';
import type { AnswerRedactor } from './answer-redactor.js';
import { findPii } from './find-pii.js';
import { holdBackStart } from './hold-back.js';
import type { PiiSpan } from './pii-span.js';
import { writeSlot } from './request-texts.js';
import { classifyStreamEvent } from './stream-text-event.js';

/** A delta waiting for the next one of its channel. */
interface HeldDelta {
  event: string | undefined;
  json: Record<string, unknown>;
  write: (text: string) => void;
}

interface Channel {
  held: HeldDelta;
  /** Text not yet released: it will go out in `held` or a later event. */
  text: string;
  /** The last characters already released, unredacted: left context for the detectors' boundaries. */
  context: string;
}

const contextLength = 16;

export class StreamRedactor {
  private readonly channels = new Map<string, Channel>();

  constructor(private readonly options: { surface: Surface; redactor: AnswerRedactor }) {}

  /** SSE text to send for one upstream event (possibly empty: the event is held). */
  push(event: SseEvent): string {
    const view = classifyStreamEvent(this.options.surface, event.data);
    if (view.kind === 'keep-alive') return formatSse(event.data, event.event);
    if (view.kind === 'other') return this.release() + formatSse(event.data, event.event);
    if (view.kind === 'whole') {
      const released = this.release();
      for (const slot of view.slots) writeSlot(slot, this.options.redactor.redact(slot.text, view.count));
      return released + formatSse(JSON.stringify(view.json), event.event);
    }
    const delta: HeldDelta = { event: event.event, json: view.json, write: view.write };
    const channel = this.channels.get(view.channel);
    if (view.ends) {
      this.channels.delete(view.channel);
      if (!channel) {
        delta.write(this.final({ text: view.text, context: '' }));
        return formatSse(JSON.stringify(delta.json), delta.event);
      }
      const out = this.emit(channel.held, this.final({ text: channel.text + view.text, context: channel.context }));
      delta.write('');
      return out + formatSse(JSON.stringify(delta.json), delta.event);
    }
    if (!channel) {
      this.channels.set(view.channel, { held: delta, text: view.text, context: '' });
      return '';
    }
    const out = this.cut(channel, channel.text + view.text);
    channel.held = delta;
    return out;
  }

  /** Sends every held delta with all its text (the stream, or the text, is over). */
  release(): string {
    let out = '';
    for (const channel of this.channels.values()) out += this.emit(channel.held, this.final(channel));
    this.channels.clear();
    return out;
  }

  /** Releases what can no longer be part of a value in `channel.held`; keeps the rest as the channel's text. */
  private cut(channel: Channel, text: string): string {
    const spans = this.spansAfterContext(channel.context, text);
    let cut = holdBackStart(text);
    const crossing = spans.find((span) => span.start < cut && span.end > cut);
    if (crossing) cut = crossing.start;
    const released = text.slice(0, cut);
    const out = this.emit(
      channel.held,
      this.options.redactor.apply(released, { spans: spans.filter((span) => span.end <= cut), count: true }),
    );
    channel.context = (channel.context + released).slice(-contextLength);
    channel.text = text.slice(cut);
    return out;
  }

  private final(channel: { text: string; context: string }): string {
    return this.options.redactor.apply(channel.text, {
      spans: this.spansAfterContext(channel.context, channel.text),
      count: true,
    });
  }

  /** Spans of `text`, scanned with the released context before it so word boundaries are judged right. */
  private spansAfterContext(context: string, text: string): PiiSpan[] {
    return findPii(context + text)
      .filter((span) => span.start >= context.length)
      .map((span) => ({ ...span, start: span.start - context.length, end: span.end - context.length }));
  }

  private emit(held: HeldDelta, text: string): string {
    held.write(text);
    return formatSse(JSON.stringify(held.json), held.event);
  }
}
