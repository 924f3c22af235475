/** Every surface and upstream protocol the gateway speaks, keyed for the executor. */
import type { Surface } from '../../../contract/index.js';
import type { ChatProtocol } from '../../providers/index.js';
import type { SurfaceCodec, UpstreamChatCodec, UpstreamErrorReader } from '../codec.js';
import { openAIChatSurface, openAIChatUpstream, readOpenAIError } from './openai-chat-surface.js';

export interface Codecs {
  surfaces: ReadonlyMap<Surface, SurfaceCodec>;
  upstreams: ReadonlyMap<ChatProtocol, UpstreamChatCodec>;
  errorReaders: ReadonlyMap<ChatProtocol, UpstreamErrorReader>;
}

export function createCodecs(_options: { defaultMaxTokens: number }): Codecs {
  return {
    surfaces: new Map<Surface, SurfaceCodec>([['openai-chat', openAIChatSurface]]),
    upstreams: new Map<ChatProtocol, UpstreamChatCodec>([['openai-chat', openAIChatUpstream]]),
    errorReaders: new Map<ChatProtocol, UpstreamErrorReader>([['openai-chat', readOpenAIError]]),
  };
}
