import { parseOpenAIBody } from '../openai/request-error.js';
import { openAIChatRequestSchema, type OpenAIChatRequest } from './request-schema.js';

/**
 * Validates a `/v1/chat/completions` body. Throws `PodiumError('invalid_request')` whose message and
 * `param` (`messages[0].content`) read like OpenAI's own.
 */
export function parseOpenAIChatRequest(body: unknown): OpenAIChatRequest {
  return parseOpenAIBody(openAIChatRequestSchema, body);
}
