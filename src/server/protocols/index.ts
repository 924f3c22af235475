/**
 * The wire-format codecs Podium speaks, on both sides of a call: pure functions and classes, no I/O.
 * Each protocol folder maps its format to and from the canonical model in contract/chat.ts.
 */
export { SseParser } from './sse/sse-parser.js';
export type { SseEvent, SseParserOptions } from './sse/sse-parser.js';
export { defaultMaxSseEventLength } from './sse/sse-parser.js';
export { SseLimitError } from './sse/sse-limit-error.js';
export { formatSse } from './sse/format-sse.js';

// OpenAI, common to its APIs
export { openAIErrorBody, errorFromOpenAIBody } from './openai/error-body.js';
export type { OpenAIErrorBody, UpstreamErrorOptions } from './openai/error-body.js';

// OpenAI chat completions
export { openAIChatRequestSchema } from './openai-chat/request-schema.js';
export type { OpenAIChatRequest, OpenAIChatMessage } from './openai-chat/request-schema.js';
export { parseOpenAIChatRequest } from './openai-chat/parse-request.js';
export { toChatRequest as openAIChatToChatRequest } from './openai-chat/to-chat-request.js';
export { fromChatRequest as chatRequestToOpenAIChat } from './openai-chat/from-chat-request.js';
export type { OpenAIChatBodyOptions } from './openai-chat/from-chat-request.js';
export { toChatResult as openAIChatToChatResult } from './openai-chat/to-chat-result.js';
export { fromChatResult as chatResultToOpenAIChat } from './openai-chat/from-chat-result.js';
export type {
  OpenAIChatCompletionBody,
  OpenAIChatResultOptions,
  OpenAIChatToolCall,
} from './openai-chat/from-chat-result.js';
export { OpenAIChatStreamDecoder } from './openai-chat/stream-decoder.js';
export { OpenAIChatStreamEncoder, OPENAI_STREAM_DONE } from './openai-chat/stream-encoder.js';
export type {
  OpenAIChatChunk,
  OpenAIChatChunkDelta,
  OpenAIChatStreamEncoderOptions,
} from './openai-chat/stream-encoder.js';
export { usageFromOpenAI, usageToOpenAI } from './openai-chat/usage.js';
export type { OpenAIChatUsage } from './openai-chat/usage.js';
export { usageFromOpenAIChatChunk } from './openai-chat/stream-usage.js';
export { finishReasonFromOpenAI, finishReasonToOpenAI } from './openai-chat/finish-reason.js';

// Anthropic Messages
export { anthropicRequestSchema } from './anthropic-messages/request-schema.js';
export type { AnthropicRequest, AnthropicMessage } from './anthropic-messages/request-schema.js';
export { parseAnthropicRequest } from './anthropic-messages/parse-request.js';
export { parseAnthropicCountTokensRequest } from './anthropic-messages/count-tokens-request.js';
export type { AnthropicCountTokensRequest } from './anthropic-messages/count-tokens-request.js';
export { toChatRequest as anthropicToChatRequest } from './anthropic-messages/to-chat-request.js';
export { fromChatRequest as chatRequestToAnthropic } from './anthropic-messages/from-chat-request.js';
export type { AnthropicBodyOptions } from './anthropic-messages/from-chat-request.js';
export { toChatResult as anthropicToChatResult } from './anthropic-messages/to-chat-result.js';
export { fromChatResult as chatResultToAnthropic } from './anthropic-messages/from-chat-result.js';
export type {
  AnthropicContentBlock,
  AnthropicMessageBody,
  AnthropicResultOptions,
} from './anthropic-messages/from-chat-result.js';
export { AnthropicStreamDecoder } from './anthropic-messages/stream-decoder.js';
export { AnthropicStreamEncoder } from './anthropic-messages/stream-encoder.js';
export type {
  AnthropicStreamEvent,
  AnthropicStreamEventType,
  AnthropicStreamEncoderOptions,
} from './anthropic-messages/stream-encoder.js';
export { AnthropicUsageAccumulator, usageFromAnthropic, usageToAnthropic } from './anthropic-messages/usage.js';
export type { AnthropicUsage } from './anthropic-messages/usage.js';
export { AnthropicStreamUsage } from './anthropic-messages/stream-usage.js';
export {
  anthropicErrorBody,
  errorFromAnthropicBody,
  errorFromAnthropicStreamEvent,
} from './anthropic-messages/error-body.js';
export type { AnthropicErrorBody } from './anthropic-messages/error-body.js';
export { stopReasonFromAnthropic, stopReasonToAnthropic } from './anthropic-messages/stop-reason.js';
export type { AnthropicStopReason } from './anthropic-messages/stop-reason.js';

// Gemini (upstream only)
export { fromChatRequest as chatRequestToGemini, GEMINI_HISTORY_SIGNATURE } from './gemini/from-chat-request.js';
export { toChatResult as geminiToChatResult } from './gemini/to-chat-result.js';
export type { GeminiResultOptions } from './gemini/to-chat-result.js';
export { GeminiStreamDecoder } from './gemini/stream-decoder.js';
export type { GeminiStreamDecoderOptions } from './gemini/stream-decoder.js';
export type { ToolCallIdGenerator } from './gemini/tool-call-id.js';
export { usageFromGemini } from './gemini/usage.js';
export { GeminiStreamUsage } from './gemini/stream-usage.js';
export { errorFromGeminiBody } from './gemini/error.js';
export { finishReasonFromGemini } from './gemini/finish-reason.js';

// OpenAI Responses (pass-through only)
export { openAIResponsesRequestSchema, parseOpenAIResponsesRequest } from './openai-responses/request-schema.js';
export type { OpenAIResponsesRequest } from './openai-responses/request-schema.js';
export {
  usageFromOpenAIResponse,
  usageFromOpenAIResponsesEvent,
  usageFromOpenAIResponsesData,
} from './openai-responses/usage.js';

// OpenAI embeddings (pass-through only)
export { openAIEmbeddingsRequestSchema, parseOpenAIEmbeddingsRequest } from './openai-embeddings/request-schema.js';
export type { OpenAIEmbeddingsRequest } from './openai-embeddings/request-schema.js';
export { usageFromOpenAIEmbeddings } from './openai-embeddings/usage.js';

// Usage of forwarded (pass-through) streams
export { createStreamUsageTracker } from './pass-through/stream-usage-tracker.js';
export type { StreamUsageTracker } from './pass-through/stream-usage-tracker.js';
