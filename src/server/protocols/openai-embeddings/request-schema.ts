/** The `/v1/embeddings` request body, validated for the fields Podium reads. */
import { z } from 'zod';
import { parseOpenAIBody } from '../openai/request-error.js';
import { integerBound } from '../shared/validation-problem.js';

export const openAIEmbeddingsRequestSchema = z.looseObject({
  model: z.string().min(1),
  // Text, texts, or token arrays (one or several).
  input: z.union([
    z.string(),
    z.array(z.string()).min(1),
    z.array(z.number()).min(1),
    z.array(z.array(z.number())).min(1),
  ]),
  encoding_format: z.enum(['float', 'base64']).nullish(),
  dimensions: z.int().min(1, integerBound).nullish(),
  user: z.string().nullish(),
});

export type OpenAIEmbeddingsRequest = z.output<typeof openAIEmbeddingsRequestSchema>;

/** Validates a `/v1/embeddings` body; throws `invalid_request` worded as OpenAI words it. */
export function parseOpenAIEmbeddingsRequest(body: unknown): OpenAIEmbeddingsRequest {
  return parseOpenAIBody(openAIEmbeddingsRequestSchema, body);
}
