/**
 * `POST /v1/messages/count_tokens`: a Messages body without the generation settings (`max_tokens`,
 * `stream`), validated with the same schema and Anthropic's wording.
 */
import { parseAnthropicBody } from './request-error.js';
import { anthropicRequestSchema } from './request-schema.js';

export const anthropicCountTokensSchema = anthropicRequestSchema.omit({ max_tokens: true, stream: true });

/** A validated count_tokens body; unknown fields are kept as they came. */
export type AnthropicCountTokensRequest = ReturnType<typeof anthropicCountTokensSchema.parse>;

/** Validates a count_tokens body; throws `PodiumError('invalid_request')` naming the field. */
export function parseAnthropicCountTokensRequest(body: unknown): AnthropicCountTokensRequest {
  return parseAnthropicBody(anthropicCountTokensSchema, body);
}
