/** Every surface and upstream protocol the gateway speaks, keyed for the executor. */
import type { Surface } from '../../../contract/index.js';
import type { ChatProtocol } from '../../providers/index.js';
import type { SurfaceCodec, UpstreamChatCodec, UpstreamErrorReader } from '../codec.js';
import {
  anthropicMessagesSurface,
  anthropicMessagesUpstream,
  readAnthropicError,
} from './anthropic-messages-surface.js';
import { geminiUpstream, readGeminiError } from './gemini-upstream.js';
import { openAIEmbeddingsSurface, openAIResponsesSurface } from './openai-forwarded-surfaces.js';
import { openAIChatSurface, openAIChatUpstream, readOpenAIError } from './openai-chat-surface.js';

export interface Codecs {
  surfaces: ReadonlyMap<Surface, SurfaceCodec>;
  upstreams: ReadonlyMap<ChatProtocol, UpstreamChatCodec>;
  errorReaders: ReadonlyMap<ChatProtocol, UpstreamErrorReader>;
}

export function createCodecs(options: { defaultMaxTokens: number }): Codecs {
  return {
    surfaces: new Map<Surface, SurfaceCodec>([
      ['openai-chat', openAIChatSurface],
      ['anthropic-messages', anthropicMessagesSurface],
      ['openai-responses', openAIResponsesSurface],
      ['openai-embeddings', openAIEmbeddingsSurface],
    ]),
    upstreams: new Map<ChatProtocol, UpstreamChatCodec>([
      ['openai-chat', openAIChatUpstream],
      ['anthropic-messages', anthropicMessagesUpstream(options.defaultMaxTokens)],
      ['gemini', geminiUpstream],
    ]),
    errorReaders: new Map<ChatProtocol, UpstreamErrorReader>([
      ['openai-chat', readOpenAIError],
      ['anthropic-messages', readAnthropicError],
      ['gemini', readGeminiError],
    ]),
  };
}
