/**
 * A chat completion as upstreams send it, read leniently: every field is `.nullish()` because
 * compatible servers omit or null fields OpenAI always sets (xAI has no `logprobs`, DeepSeek sends
 * `tool_calls: null`). Only types that would break the mapping are refused.
 */
import { z } from 'zod';

export const openAIToolCallSchema = z.looseObject({
  index: z.number().nullish(),
  id: z.string().nullish(),
  type: z.string().nullish(),
  function: z.looseObject({ name: z.string().nullish(), arguments: z.string().nullish() }).nullish(),
});

export const openAIChatCompletionSchema = z.looseObject({
  id: z.string().nullish(),
  model: z.string().nullish(),
  created: z.number().nullish(),
  choices: z
    .array(
      z.looseObject({
        index: z.number().nullish(),
        message: z
          .looseObject({
            role: z.string().nullish(),
            content: z.string().nullish(),
            refusal: z.string().nullish(),
            tool_calls: z.array(openAIToolCallSchema).nullish(),
          })
          .nullish(),
        finish_reason: z.string().nullish(),
      }),
    )
    .nullish(),
  usage: z.unknown().optional(),
});

export type OpenAIChatCompletion = z.output<typeof openAIChatCompletionSchema>;
