/** Chat completions stream chunks (`chat.completion.chunk`) → canonical StreamParts. */
import { PodiumError, type FinishReason, type StreamPart, type Usage } from '../../../contract/index.js';
import { asRecord, numberField, stringField } from '../shared/record.js';
import { finishReasonFromOpenAI } from './finish-reason.js';
import { usageFromOpenAI } from './usage.js';

interface ToolSlot {
  ordinal: number;
  id: string | undefined;
}

/**
 * Decodes one parsed chunk at a time (the caller stops at the `[DONE]` sentinel, which is not JSON).
 *
 * Tool calls are keyed by the upstream's `index` but numbered 0, 1, 2… in the parts, because some
 * servers start at 1 or reuse an index for a new call. The `finish_reason` chunk comes before the
 * usage chunk (`choices: []`), so the end is held until usage arrives; call `finish()` when the stream
 * ends to release it if usage never came.
 */
export class OpenAIChatStreamDecoder {
  #started = false;
  #ended = false;
  #tools = new Map<number, ToolSlot>();
  #toolCount = 0;
  #finishReason: FinishReason | undefined;
  #usage: Usage | undefined;

  /** Decodes one chunk object. Throws `upstream_error` for an `{ error }` frame sent mid-stream. */
  decode(chunk: unknown): StreamPart[] {
    const record = asRecord(chunk);
    if (record === undefined)
      throw new PodiumError('upstream_protocol_error', 'Chat completion chunk is not a JSON object.');
    const error = asRecord(record.error);
    if (error !== undefined)
      throw new PodiumError('upstream_error', stringField(error, 'message') ?? 'Upstream stream error.', {
        cause: record,
      });
    if (this.#ended) return [];
    const parts: StreamPart[] = [];
    const choices = Array.isArray(record.choices) ? record.choices : [];
    const usage = usageFromOpenAI(record.usage);
    // Azure's first frame carries only prompt filter results, with an empty id: not the response yet.
    if (!this.#started && (choices.length > 0 || usage !== undefined)) {
      this.#started = true;
      parts.push({
        type: 'response-start',
        id: stringField(record, 'id') ?? '',
        model: stringField(record, 'model') ?? '',
      });
    }
    const choice = asRecord(choices[0]);
    if (choice !== undefined) this.#choice(choice, parts);
    if (usage !== undefined) this.#usage = usage;
    if (this.#finishReason !== undefined && usage !== undefined) parts.push(...this.finish());
    return parts;
  }

  /** Ends the stream: the held `response-end`, once, even if usage never arrived (usage is then undefined). */
  finish(): StreamPart[] {
    if (this.#ended) return [];
    this.#ended = true;
    return [{ type: 'response-end', finishReason: this.#finishReason ?? 'other', usage: this.#usage }];
  }

  #choice(choice: Record<string, unknown>, parts: StreamPart[]): void {
    const delta = asRecord(choice.delta);
    const text = stringField(delta, 'content') || stringField(delta, 'refusal');
    if (text) parts.push({ type: 'text-delta', text });
    const toolCalls = delta?.tool_calls;
    if (Array.isArray(toolCalls))
      toolCalls.forEach((call: unknown, position) => this.#toolCall(asRecord(call), position, parts));
    const finish = stringField(choice, 'finish_reason');
    if (finish) this.#finishReason = finishReasonFromOpenAI(finish);
  }

  #toolCall(call: Record<string, unknown> | undefined, position: number, parts: StreamPart[]): void {
    if (call === undefined) return;
    const fn = asRecord(call.function);
    const key = numberField(call, 'index') ?? position;
    const id = stringField(call, 'id') || undefined;
    const name = stringField(fn, 'name');
    let slot = this.#tools.get(key);
    if (slot === undefined || (id !== undefined && name && slot.id !== undefined && slot.id !== id)) {
      slot = { ordinal: this.#toolCount++, id };
      this.#tools.set(key, slot);
      parts.push({ type: 'tool-call-start', index: slot.ordinal, id: id ?? `call_${slot.ordinal}`, name: name ?? '' });
    }
    const argumentsDelta = stringField(fn, 'arguments');
    if (argumentsDelta) parts.push({ type: 'tool-call-delta', index: slot.ordinal, argumentsDelta });
  }
}
