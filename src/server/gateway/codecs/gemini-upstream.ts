/** Gemini `generateContent` as an upstream protocol: Gemini models are reached by translation only. */
import {
  chatRequestToGemini,
  errorFromGeminiBody,
  GeminiStreamDecoder,
  geminiToChatResult,
} from '../../protocols/index.js';
import type { UpstreamChatCodec, UpstreamErrorReader } from '../codec.js';

export const geminiUpstream: UpstreamChatCodec = {
  protocol: 'gemini',
  operation: 'chat',
  encodeRequest: (request) => chatRequestToGemini(request),
  decodeResult: (json) => geminiToChatResult(json),
  createStreamDecoder() {
    const decoder = new GeminiStreamDecoder();
    return {
      decode: (event) => decoder.decode(JSON.parse(event.data)),
      finish: () => decoder.finish(),
    };
  },
};

export const readGeminiError: UpstreamErrorReader = (status, body) => {
  const error = errorFromGeminiBody(status, body);
  return { message: error.message, retryAfterMs: error.retryAfterMs, retryable: error.isRetryable };
};
