/** `/v1/messages`: Anthropic Messages on the client side, and as an upstream protocol. */
import {
  anthropicToChatRequest,
  anthropicToChatResult,
  AnthropicStreamDecoder,
  AnthropicStreamEncoder,
  AnthropicStreamUsage,
  chatRequestToAnthropic,
  chatResultToAnthropic,
  errorFromAnthropicBody,
  errorFromAnthropicStreamEvent,
  formatSse,
  parseAnthropicRequest,
  usageFromAnthropic,
} from '../../protocols/index.js';
import type { SurfaceCodec, UpstreamChatCodec, UpstreamErrorReader, UsageTap } from '../codec.js';
import { spliceModel } from './splice-model.js';

/** Usage arrives in `message_start` (prompt) and `message_delta` (cumulative output); other frames are not parsed. */
function createAnthropicUsageTap(): UsageTap {
  const usage = new AnthropicStreamUsage();
  let failure: string | undefined;
  return {
    observe(event) {
      if (event.event === 'error')
        failure = errorFromAnthropicStreamEvent(JSON.parse(event.data) as Record<string, unknown>).message;
      else usage.observe(event.data);
      return true;
    },
    usage: () => usage.usage(),
    failure: () => failure,
  };
}

const toText = (data: unknown): string => (typeof data === 'string' ? data : JSON.stringify(data));

export const anthropicMessagesSurface: SurfaceCodec = {
  surface: 'anthropic-messages',
  operation: 'messages',
  passThroughProtocol: 'anthropic-messages',
  admit(body) {
    const parsed = parseAnthropicRequest(body);
    return { model: parsed.model, stream: parsed.stream === true };
  },
  prepareBody: spliceModel,
  usageFromBody: (json) => usageFromAnthropic((json as { usage?: unknown } | undefined)?.usage),
  createUsageTap: createAnthropicUsageTap,
  translation: {
    toChatRequest: (body, targetModel) => ({
      ...anthropicToChatRequest(parseAnthropicRequest(body)),
      model: targetModel,
    }),
    encodeResult: (result, alias) => chatResultToAnthropic(result, { model: alias }),
    createStreamEncoder(alias) {
      const encoder = new AnthropicStreamEncoder({ model: alias });
      return {
        encode(part) {
          let out = '';
          for (const frame of encoder.encode(part)) out += formatSse(toText(frame.data), frame.event);
          return out;
        },
      };
    },
  },
};

/** The upstream side, when an OpenAI (or Gemini-shaped) call reaches an Anthropic model. */
export function anthropicMessagesUpstream(defaultMaxTokens: number): UpstreamChatCodec {
  return {
    protocol: 'anthropic-messages',
    operation: 'messages',
    encodeRequest: (request, options) => chatRequestToAnthropic(request, { stream: options.stream, defaultMaxTokens }),
    decodeResult: (json) => anthropicToChatResult(json),
    createStreamDecoder() {
      const decoder = new AnthropicStreamDecoder();
      return {
        decode: (event) => decoder.decode(JSON.parse(event.data)),
        finish: () => decoder.finish(),
      };
    },
  };
}

export const readAnthropicError: UpstreamErrorReader = (status, body) => {
  const error = errorFromAnthropicBody(status, body);
  return { message: error.message, retryAfterMs: error.retryAfterMs, retryable: error.isRetryable };
};
