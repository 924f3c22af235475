/** Canonical StreamParts → `chat.completion.chunk` objects, shaped exactly as OpenAI streams them. */
import type { StreamPart } from '../../../contract/index.js';
import { finishReasonToOpenAI, type OpenAIFinishReason } from './finish-reason.js';
import { usageToOpenAI, type OpenAIChatUsage } from './usage.js';

export interface OpenAIChatChunkDelta {
  role?: 'assistant';
  content?: string | null;
  refusal?: null;
  tool_calls?: Array<{ index: number; id?: string; type?: 'function'; function: { name?: string; arguments: string } }>;
}

export interface OpenAIChatChunk {
  id: string;
  object: 'chat.completion.chunk';
  created: number;
  model: string;
  choices: Array<{ index: 0; delta: OpenAIChatChunkDelta; logprobs: null; finish_reason: OpenAIFinishReason | null }>;
  /** Present only when the client asked for usage: `null` on every chunk but the last. */
  usage?: OpenAIChatUsage | null;
}

export interface OpenAIChatStreamEncoderOptions {
  /** The model name the client asked for. */
  model: string;
  /** The client's `stream_options.include_usage`: adds `usage: null` to each chunk and a final usage chunk. */
  includeUsage: boolean;
  /** Unix seconds for every chunk; defaults to now. */
  created?: number;
  /** Used when the stream has no `response-start` (its id otherwise). */
  id?: string;
}

/** The terminator OpenAI sends after the last chunk; not JSON. */
export const OPENAI_STREAM_DONE = '[DONE]';

/**
 * Turns parts into chunks. Whoever writes the SSE must send `data: [DONE]` (OPENAI_STREAM_DONE)
 * after the chunks of `response-end`: the OpenAI SDKs wait for it before ending the stream.
 */
export class OpenAIChatStreamEncoder {
  readonly #options: OpenAIChatStreamEncoderOptions;
  readonly #created: number;
  #id: string;
  #started = false;
  #ended = false;

  constructor(options: OpenAIChatStreamEncoderOptions) {
    this.#options = options;
    this.#created = options.created ?? Math.floor(Date.now() / 1000);
    this.#id = options.id ?? 'chatcmpl-podium';
  }

  /**
   * Encodes one part. The first chunk carries `role: 'assistant'`, as OpenAI's does; it waits for the
   * first content so that a reply opening with a tool call gets OpenAI's single opening chunk with
   * `content: null` (clients then report null content, not an empty string).
   */
  encode(part: StreamPart): OpenAIChatChunk[] {
    if (this.#ended) return [];
    switch (part.type) {
      case 'response-start':
        if (part.id !== '' && this.#options.id === undefined) this.#id = part.id;
        return [];
      case 'text-delta':
        return [...this.#opening(), this.#chunk({ content: part.text })];
      case 'tool-call-start': {
        const toolCalls = [
          { index: part.index, id: part.id, type: 'function' as const, function: { name: part.name, arguments: '' } },
        ];
        if (this.#started) return [this.#chunk({ tool_calls: toolCalls })];
        this.#started = true;
        return [this.#chunk({ role: 'assistant', content: null, tool_calls: toolCalls, refusal: null })];
      }
      case 'tool-call-delta':
        return [
          ...this.#opening(),
          this.#chunk({ tool_calls: [{ index: part.index, function: { arguments: part.argumentsDelta } }] }),
        ];
      case 'response-end': {
        this.#ended = true;
        const chunks = [...this.#opening(), this.#chunk({}, finishReasonToOpenAI(part.finishReason))];
        if (this.#options.includeUsage && part.usage !== undefined)
          chunks.push({ ...this.#base(), choices: [], usage: usageToOpenAI(part.usage) });
        return chunks;
      }
    }
  }

  /** The role chunk, when it has not been sent yet. */
  #opening(): OpenAIChatChunk[] {
    if (this.#started) return [];
    this.#started = true;
    return [this.#chunk({ role: 'assistant', content: '', refusal: null })];
  }

  #base(): Pick<OpenAIChatChunk, 'id' | 'object' | 'created' | 'model'> {
    return { id: this.#id, object: 'chat.completion.chunk', created: this.#created, model: this.#options.model };
  }

  #chunk(delta: OpenAIChatChunkDelta, finishReason: OpenAIFinishReason | null = null): OpenAIChatChunk {
    const chunk: OpenAIChatChunk = {
      ...this.#base(),
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    };
    if (this.#options.includeUsage) chunk.usage = null;
    return chunk;
  }
}
