/** Canonical StreamParts → Anthropic Messages stream events, in the exact order Anthropic sends them. */
import { emptyUsage, PodiumError, type StreamPart } from '../../../contract/index.js';
import { stopReasonToAnthropic } from './stop-reason.js';
import { usageToAnthropic } from './usage.js';

export type AnthropicStreamEventType =
  | 'message_start'
  | 'content_block_start'
  | 'content_block_delta'
  | 'content_block_stop'
  | 'message_delta'
  | 'message_stop';

/** One SSE event: `event` is the SSE event name, which Anthropic repeats as `data.type`. */
export interface AnthropicStreamEvent {
  event: AnthropicStreamEventType;
  data: { type: AnthropicStreamEventType } & Record<string, unknown>;
}

export interface AnthropicStreamEncoderOptions {
  /** The model name the client asked for. */
  model: string;
  /** Used when the stream has no `response-start` (its id otherwise). */
  id?: string;
}

const event = (type: AnthropicStreamEventType, fields: Record<string, unknown> = {}): AnthropicStreamEvent => ({
  event: type,
  data: { type, ...fields },
});

/**
 * Turns parts into events: `message_start`, then per content block `content_block_start`, its
 * deltas and `content_block_stop` (indexes counting blocks of any kind), then `message_delta` with
 * the stop reason and usage, and `message_stop`.
 *
 * Usage is known only at the end when translating, so `message_start` reports zeros and
 * `message_delta` the final counts, which Anthropic's SDKs take as the message totals.
 */
export class AnthropicStreamEncoder {
  readonly #options: AnthropicStreamEncoderOptions;
  #started = false;
  #ended = false;
  #blockCount = 0;
  /** The open block: its index and, for a tool block, the canonical tool index. */
  #open: { index: number; tool: number | undefined } | undefined;

  constructor(options: AnthropicStreamEncoderOptions) {
    this.#options = options;
  }

  /** Encodes one part. Throws when a tool call's arguments resume after another block began, which Anthropic's block stream cannot express. */
  encode(part: StreamPart): AnthropicStreamEvent[] {
    if (this.#ended) return [];
    const events: AnthropicStreamEvent[] = [];
    if (!this.#started)
      events.push(this.#messageStart(part.type === 'response-start' && part.id !== '' ? part.id : undefined));
    switch (part.type) {
      case 'response-start':
        break;
      case 'text-delta':
        if (this.#open === undefined || this.#open.tool !== undefined)
          this.#openBlock(events, { type: 'text', text: '' }, undefined);
        events.push(
          event('content_block_delta', { index: this.#open?.index, delta: { type: 'text_delta', text: part.text } }),
        );
        break;
      case 'tool-call-start':
        this.#openBlock(events, { type: 'tool_use', id: part.id, name: part.name, input: {} }, part.index);
        break;
      case 'tool-call-delta':
        if (this.#open?.tool !== part.index) {
          throw new PodiumError(
            'upstream_protocol_error',
            `Arguments for tool call ${part.index} arrived after its block was closed.`,
          );
        }
        events.push(
          event('content_block_delta', {
            index: this.#open.index,
            delta: { type: 'input_json_delta', partial_json: part.argumentsDelta },
          }),
        );
        break;
      case 'response-end':
        this.#ended = true;
        this.#closeBlock(events);
        events.push(
          event('message_delta', {
            delta: { stop_reason: stopReasonToAnthropic(part.finishReason), stop_sequence: null },
            usage: usageToAnthropic(part.usage ?? emptyUsage()),
          }),
          event('message_stop'),
        );
    }
    return events;
  }

  #messageStart(upstreamId: string | undefined): AnthropicStreamEvent {
    this.#started = true;
    const message = {
      id: this.#options.id ?? upstreamId ?? 'msg_podium',
      type: 'message',
      role: 'assistant',
      model: this.#options.model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: usageToAnthropic(emptyUsage()),
    };
    return event('message_start', { message });
  }

  #openBlock(events: AnthropicStreamEvent[], contentBlock: Record<string, unknown>, tool: number | undefined): void {
    this.#closeBlock(events);
    const index = this.#blockCount++;
    this.#open = { index, tool };
    events.push(event('content_block_start', { index, content_block: contentBlock }));
  }

  #closeBlock(events: AnthropicStreamEvent[]): void {
    if (this.#open === undefined) return;
    events.push(event('content_block_stop', { index: this.#open.index }));
    this.#open = undefined;
  }
}
