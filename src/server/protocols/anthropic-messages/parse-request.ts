import { parseAnthropicBody } from './request-error.js';
import { anthropicRequestSchema, type AnthropicRequest } from './request-schema.js';

/**
 * Validates a `/v1/messages` body. Throws `PodiumError('invalid_request')` with Anthropic's wording
 * (`max_tokens: Field required`) and the dotted field path as `param`.
 */
export function parseAnthropicRequest(body: unknown): AnthropicRequest {
  return parseAnthropicBody(anthropicRequestSchema, body);
}
