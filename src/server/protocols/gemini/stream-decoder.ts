/** Gemini `streamGenerateContent?alt=sse` chunks → canonical StreamParts. */
import { PodiumError, type FinishReason, type StreamPart, type Usage } from '../../../contract/index.js';
import { asRecord, stringField } from '../shared/record.js';
import { finishReasonFromGemini } from './finish-reason.js';
import { geminiResponseSchema, type GeminiPart } from './response-schema.js';
import { StreamedArguments } from './streamed-arguments.js';
import { randomToolCallId, type ToolCallIdGenerator } from './tool-call-id.js';
import { usageFromGemini } from './usage.js';

export interface GeminiStreamDecoderOptions {
  generateId?: ToolCallIdGenerator;
}

/**
 * Decodes one parsed chunk at a time. Every chunk repeats the usage so far, so the last counts win;
 * Gemini has no end-of-stream event and may send usage after the `finishReason` chunk, so the
 * `response-end` is emitted by `finish()`, which the caller invokes when the stream closes.
 *
 * A function call usually arrives whole (one start and one delta holding all the arguments). With
 * argument streaming it arrives as a named opening piece, JSONPath pieces, and a closing piece
 * without `willContinue`; those arguments are assembled and sent as one delta when the call closes.
 */
export class GeminiStreamDecoder {
  readonly #generateId: ToolCallIdGenerator;
  #started = false;
  #ended = false;
  #toolCount = 0;
  #pending: { ordinal: number; args: StreamedArguments } | undefined;
  #finishReason: string | undefined;
  #usage: Usage | undefined;

  constructor(options: GeminiStreamDecoderOptions = {}) {
    this.#generateId = options.generateId ?? randomToolCallId;
  }

  /** Decodes one chunk. Throws `upstream_error` for an `{ error }` chunk. */
  decode(chunk: unknown): StreamPart[] {
    const error = asRecord(asRecord(chunk)?.error);
    if (error !== undefined)
      throw new PodiumError('upstream_error', stringField(error, 'message') ?? 'Upstream stream error.', {
        cause: chunk,
      });
    const parsed = geminiResponseSchema.safeParse(chunk);
    if (!parsed.success)
      throw new PodiumError('upstream_protocol_error', 'Unexpected Gemini stream chunk.', { cause: parsed.error });
    if (this.#ended) return [];
    const response = parsed.data;
    const parts: StreamPart[] = [];
    if (!this.#started) {
      this.#started = true;
      parts.push({ type: 'response-start', id: response.responseId ?? '', model: response.modelVersion ?? '' });
    }
    const candidate = response.candidates?.[0];
    for (const part of candidate?.content?.parts ?? []) this.#part(part, parts);
    if (candidate?.finishReason) {
      this.#finishReason = candidate.finishReason;
      this.#closePending(parts);
    }
    if (response.promptFeedback?.blockReason && !candidate) this.#finishReason = 'SAFETY';
    this.#usage = usageFromGemini(response.usageMetadata) ?? this.#usage;
    return parts;
  }

  /** Ends the stream: closes an unfinished call and emits the `response-end`, once. */
  finish(): StreamPart[] {
    if (this.#ended) return [];
    const parts: StreamPart[] = [];
    this.#closePending(parts);
    this.#ended = true;
    const finishReason: FinishReason = finishReasonFromGemini(this.#finishReason, this.#toolCount > 0);
    parts.push({ type: 'response-end', finishReason, usage: this.#usage });
    return parts;
  }

  #part(part: GeminiPart, parts: StreamPart[]): void {
    if (part.thought === true) return;
    if (part.text) parts.push({ type: 'text-delta', text: part.text });
    const call = part.functionCall;
    if (!call) return;
    if (call.name) {
      this.#closePending(parts);
      const ordinal = this.#toolCount++;
      parts.push({ type: 'tool-call-start', index: ordinal, id: call.id ?? this.#generateId(), name: call.name });
      if (call.willContinue !== true) {
        parts.push({ type: 'tool-call-delta', index: ordinal, argumentsDelta: JSON.stringify(call.args ?? {}) });
        return;
      }
      this.#pending = { ordinal, args: new StreamedArguments() };
    }
    if (this.#pending === undefined) return; // the empty closing piece of a call already closed
    this.#pending.args.apply(call.partialArgs);
    if (call.willContinue !== true) this.#closePending(parts);
  }

  #closePending(parts: StreamPart[]): void {
    const pending = this.#pending;
    if (pending === undefined) return;
    this.#pending = undefined;
    parts.push({ type: 'tool-call-delta', index: pending.ordinal, argumentsDelta: pending.args.toJson() });
  }
}
