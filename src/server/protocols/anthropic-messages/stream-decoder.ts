/** Anthropic Messages stream events → canonical StreamParts. */
import { PodiumError, type FinishReason, type StreamPart } from '../../../contract/index.js';
import { asRecord, numberField, stringField } from '../shared/record.js';
import { errorFromAnthropicStreamEvent } from './error-body.js';
import { stopReasonFromAnthropic } from './stop-reason.js';
import { AnthropicUsageAccumulator } from './usage.js';

interface ToolBlock {
  ordinal: number;
  /** Whether any argument text was emitted; a call without arguments still needs `{}`. */
  sentArguments: boolean;
  /** `input` from `content_block_start`, used when no `input_json_delta` follows (some proxies send it whole). */
  initialInput: string;
}

/**
 * Decodes one parsed event at a time (the SSE event name repeats the JSON `type`, so only the data is
 * needed). Tool calls are numbered 0, 1, 2… in order of appearance, whatever their block index.
 * Thinking blocks and signatures have no canonical part and are skipped.
 */
export class AnthropicStreamDecoder {
  #messageId: string | undefined;
  #ended = false;
  #tools = new Map<number, ToolBlock>();
  #finishReason: FinishReason | undefined;
  #usage = new AnthropicUsageAccumulator();

  /** Decodes one event. Throws `upstream_error` for an `error` event, with Anthropic's message. */
  decode(event: unknown): StreamPart[] {
    const record = asRecord(event);
    if (record === undefined)
      throw new PodiumError('upstream_protocol_error', 'Messages stream event is not a JSON object.');
    switch (record.type) {
      case 'message_start':
        return this.#start(asRecord(record.message));
      case 'content_block_start':
        return this.#blockStart(numberField(record, 'index') ?? -1, asRecord(record.content_block));
      case 'content_block_delta':
        return this.#blockDelta(numberField(record, 'index') ?? -1, asRecord(record.delta));
      case 'content_block_stop':
        return this.#blockStop(numberField(record, 'index') ?? -1);
      case 'message_delta':
        this.#finishReason = stopReasonFromAnthropic(stringField(asRecord(record.delta), 'stop_reason'));
        this.#usage.observe(record.usage);
        return [];
      case 'message_stop':
        return this.finish();
      case 'error':
        throw errorFromAnthropicStreamEvent(record);
      default:
        return []; // ping, and event types added later
    }
  }

  /** Ends the stream: the `response-end`, once, even when `message_stop` never came. */
  finish(): StreamPart[] {
    if (this.#ended) return [];
    this.#ended = true;
    return [{ type: 'response-end', finishReason: this.#finishReason ?? 'other', usage: this.#usage.usage() }];
  }

  #start(message: Record<string, unknown> | undefined): StreamPart[] {
    const id = stringField(message, 'id') ?? '';
    if (this.#messageId !== undefined) {
      if (id === this.#messageId) return []; // a repeated frame
      // A second message spliced in mid-stream: what was already forwarded cannot be taken back.
      throw new PodiumError(
        'upstream_protocol_error',
        `A second message (${id}) started inside message ${this.#messageId}.`,
        { retryable: true },
      );
    }
    this.#messageId = id;
    this.#usage.observe(message?.usage);
    return [{ type: 'response-start', id, model: stringField(message, 'model') ?? '' }];
  }

  #blockStart(index: number, block: Record<string, unknown> | undefined): StreamPart[] {
    const type = stringField(block, 'type');
    if (type === 'text') {
      const text = stringField(block, 'text');
      return text ? [{ type: 'text-delta', text }] : [];
    }
    if (type !== 'tool_use') return [];
    const input = asRecord(block?.input);
    const tool: ToolBlock = {
      ordinal: this.#tools.size,
      sentArguments: false,
      initialInput: input && Object.keys(input).length > 0 ? JSON.stringify(input) : '{}',
    };
    this.#tools.set(index, tool);
    return [
      {
        type: 'tool-call-start',
        index: tool.ordinal,
        id: stringField(block, 'id') ?? '',
        name: stringField(block, 'name') ?? '',
      },
    ];
  }

  #blockDelta(index: number, delta: Record<string, unknown> | undefined): StreamPart[] {
    const type = stringField(delta, 'type');
    if (type === 'text_delta') {
      const text = stringField(delta, 'text');
      return text ? [{ type: 'text-delta', text }] : [];
    }
    const tool = this.#tools.get(index);
    if (type !== 'input_json_delta' || tool === undefined) return [];
    const argumentsDelta = stringField(delta, 'partial_json');
    if (!argumentsDelta) return [];
    tool.sentArguments = true;
    return [{ type: 'tool-call-delta', index: tool.ordinal, argumentsDelta }];
  }

  #blockStop(index: number): StreamPart[] {
    const tool = this.#tools.get(index);
    if (tool === undefined || tool.sentArguments) return [];
    tool.sentArguments = true;
    return [{ type: 'tool-call-delta', index: tool.ordinal, argumentsDelta: tool.initialInput }];
  }
}
