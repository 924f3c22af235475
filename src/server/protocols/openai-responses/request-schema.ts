/**
 * The `/v1/responses` request body, validated for the fields Podium reads; everything else (tools,
 * reasoning, text formats, conversation state) passes through untouched. Responses calls are only
 * forwarded, never translated, so there is no canonical mapping.
 */
import { z } from 'zod';
import { parseOpenAIBody } from '../openai/request-error.js';
import { integerBound } from '../shared/validation-problem.js';

export const openAIResponsesRequestSchema = z.looseObject({
  model: z.string().min(1),
  // Optional in the API: a call may continue `previous_response_id` or use a stored prompt instead.
  input: z.union([z.string(), z.array(z.looseObject({}))]).nullish(),
  instructions: z.string().nullish(),
  stream: z.boolean().nullish(),
  // OpenAI's own minimum for this field is 16.
  max_output_tokens: z.int().min(16, integerBound).nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  user: z.string().nullish(),
});

export type OpenAIResponsesRequest = z.output<typeof openAIResponsesRequestSchema>;

/** Validates a `/v1/responses` body; throws `invalid_request` worded as OpenAI words it. */
export function parseOpenAIResponsesRequest(body: unknown): OpenAIResponsesRequest {
  return parseOpenAIBody(openAIResponsesRequestSchema, body);
}
