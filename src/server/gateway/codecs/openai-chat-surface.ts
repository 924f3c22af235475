/** `/v1/chat/completions`: OpenAI Chat Completions on the client side, and as an upstream protocol. */
import {
  errorFromOpenAIBody,
  formatSse,
  chatResultToOpenAIChat,
  OpenAIChatStreamDecoder,
  OpenAIChatStreamEncoder,
  OPENAI_STREAM_DONE,
  openAIChatToChatRequest,
  chatRequestToOpenAIChat,
  openAIChatToChatResult,
  parseOpenAIChatRequest,
  usageFromOpenAI,
  usageFromOpenAIChatChunk,
} from '../../protocols/index.js';
import type { Usage } from '../../../contract/index.js';
import type { SurfaceCodec, UpstreamChatCodec, UpstreamErrorReader, UsageTap } from '../codec.js';
import { spliceJsonField } from '../splice-json-field.js';
import { spliceModel } from './splice-model.js';

const wantsUsage = (body: Record<string, unknown>): boolean =>
  (body.stream_options as { include_usage?: unknown } | undefined)?.include_usage === true;

/** Splices the target model in, and asks a streaming upstream for usage when the client did not. */
function prepareOpenAIChatBody(
  text: string,
  options: { requestedModel: string; targetModel: string; stream: boolean; body: Record<string, unknown> },
): string {
  let out = spliceModel(text, options);
  if (options.stream && !wantsUsage(options.body)) {
    const existing = options.body.stream_options;
    const merged =
      existing !== null && typeof existing === 'object'
        ? { ...existing, include_usage: true }
        : { include_usage: true };
    out = spliceJsonField(out, 'stream_options', JSON.stringify(merged));
  }
  return out;
}

/** Reads usage from forwarded frames; drops the usage-only chunk when it was Podium that asked for it. */
function createOpenAIChatUsageTap(body: Record<string, unknown>): UsageTap {
  const forwardUsageChunk = wantsUsage(body);
  let usage: Usage | undefined;
  let failure: string | undefined;
  return {
    observe(event) {
      // A mid-stream error is a frame whose top-level key is `error` (no `choices`).
      if (event.data.startsWith('{"error"')) failure = errorFromOpenAIBody(500, JSON.parse(event.data)).message;
      const found = usageFromOpenAIChatChunk(event.data);
      if (found === undefined) return true;
      usage = found;
      return forwardUsageChunk || !event.data.includes('"choices":[]');
    },
    usage: () => usage,
    failure: () => failure,
  };
}

export const openAIChatSurface: SurfaceCodec = {
  surface: 'openai-chat',
  operation: 'chat',
  passThroughProtocol: 'openai-chat',
  admit(body) {
    const parsed = parseOpenAIChatRequest(body);
    return { model: parsed.model, stream: parsed.stream === true };
  },
  prepareBody: prepareOpenAIChatBody,
  usageFromBody: (json) => usageFromOpenAI((json as { usage?: unknown } | undefined)?.usage),
  createUsageTap: createOpenAIChatUsageTap,
  translation: {
    toChatRequest: (body, targetModel) => ({
      ...openAIChatToChatRequest(parseOpenAIChatRequest(body)),
      model: targetModel,
    }),
    encodeResult: (result, alias) => chatResultToOpenAIChat(result, { model: alias }),
    createStreamEncoder(alias, body) {
      const encoder = new OpenAIChatStreamEncoder({ model: alias, includeUsage: wantsUsage(body) });
      return {
        encode(part) {
          let out = '';
          for (const chunk of encoder.encode(part)) out += formatSse(JSON.stringify(chunk));
          if (part.type === 'response-end') out += formatSse(OPENAI_STREAM_DONE);
          return out;
        },
      };
    },
  },
};

export const openAIChatUpstream: UpstreamChatCodec = {
  protocol: 'openai-chat',
  operation: 'chat',
  // OpenAI's own API refuses max_tokens on reasoning models; many compatible servers know only max_tokens.
  encodeRequest: (request, options) =>
    chatRequestToOpenAIChat(request, {
      stream: options.stream,
      maxTokensField: options.providerType === 'openai-compatible' ? 'max_tokens' : 'max_completion_tokens',
    }),
  decodeResult: (json) => openAIChatToChatResult(json),
  createStreamDecoder() {
    const decoder = new OpenAIChatStreamDecoder();
    return {
      decode: (event) =>
        event.data === OPENAI_STREAM_DONE ? decoder.finish() : decoder.decode(JSON.parse(event.data)),
      finish: () => decoder.finish(),
    };
  },
};

export const readOpenAIError: UpstreamErrorReader = (status, body) => {
  const error = errorFromOpenAIBody(status, body);
  return { message: error.message, retryAfterMs: error.retryAfterMs, retryable: error.isRetryable };
};
