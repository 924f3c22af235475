/**
 * The `/v1/messages` request body, validated for the fields Podium reads. Content blocks and tools
 * of types this file does not know (documents, thinking, server tools, whatever ships next) pass
 * through unvalidated so same-protocol calls keep every feature; translation refuses them.
 */
import { z } from 'zod';
import { integerBound } from '../shared/validation-problem.js';

const textBlock = z.looseObject({ type: z.literal('text'), text: z.string() });
const imageBlock = z.looseObject({
  type: z.literal('image'),
  source: z.discriminatedUnion('type', [
    z.looseObject({ type: z.literal('base64'), media_type: z.string(), data: z.string() }),
    z.looseObject({ type: z.literal('url'), url: z.string() }),
    z.looseObject({ type: z.literal('file'), file_id: z.string() }),
  ]),
});
const toolUseBlock = z.looseObject({
  type: z.literal('tool_use'),
  id: z.string(),
  name: z.string(),
  input: z.record(z.string(), z.unknown()),
});
const toolResultBlock = z.looseObject({
  type: z.literal('tool_result'),
  tool_use_id: z.string(),
  content: z.union([z.string(), z.array(z.looseObject({ type: z.string() }))]).optional(),
  is_error: z.boolean().optional(),
});

const knownBlock = z.discriminatedUnion('type', [textBlock, imageBlock, toolUseBlock, toolResultBlock]);
const knownBlockTypes: ReadonlySet<string> = new Set(['text', 'image', 'tool_use', 'tool_result']);
// `abort` matters: zod returns the only branch of a union that failed softly, and this branch must
// not win over the precise error of a known block.
const otherBlock = z.looseObject({ type: z.string().refine((type) => !knownBlockTypes.has(type), { abort: true }) });

export type AnthropicKnownBlock = z.output<typeof knownBlock>;

/** Narrows a block that passed validation: a known `type` means the known schema accepted it. */
export function isKnownBlock(block: { type: string }): block is AnthropicKnownBlock {
  return knownBlockTypes.has(block.type);
}

const customTool = z.looseObject({
  type: z.literal('custom').optional(),
  name: z.string().min(1),
  description: z.string().optional(),
  input_schema: z.record(z.string(), z.unknown()),
});
// Server tools (`web_search_20250305`, `bash_20250124`…) have a versioned type and no input_schema.
const serverTool = z.looseObject({
  type: z.string().refine((type) => type !== 'custom', { abort: true }),
  name: z.string(),
});

/** Anthropic's JSON output format: the answer must validate against `schema`. */
const jsonOutputFormat = z.looseObject({ type: z.literal('json_schema'), schema: z.record(z.string(), z.unknown()) });

export const anthropicRequestSchema = z.looseObject({
  model: z.string().min(1),
  max_tokens: z.int().min(1, integerBound),
  messages: z
    .array(
      z.looseObject({
        role: z.enum(['user', 'assistant']),
        content: z.union([z.string(), z.array(z.union([knownBlock, otherBlock]))]),
      }),
    )
    .min(1),
  system: z.union([z.string(), z.array(textBlock)]).optional(),
  tools: z.array(z.union([customTool, serverTool])).optional(),
  tool_choice: z
    .discriminatedUnion('type', [
      z.looseObject({ type: z.literal('auto') }),
      z.looseObject({ type: z.literal('any') }),
      z.looseObject({ type: z.literal('tool'), name: z.string() }),
      z.looseObject({ type: z.literal('none') }),
    ])
    .optional(),
  stream: z.boolean().optional(),
  stop_sequences: z.array(z.string()).optional(),
  temperature: z.number().min(0).max(1).optional(),
  top_p: z.number().min(0).max(1).optional(),
  top_k: z.int().min(0, integerBound).optional(),
  metadata: z.looseObject({ user_id: z.string().nullish() }).optional(),
  /** Structured outputs: `output_config.format` (GA) or the beta's top-level `output_format`. */
  output_config: z.looseObject({ format: jsonOutputFormat.nullish() }).optional(),
  output_format: jsonOutputFormat.nullish(),
});

/** A validated Messages body; unknown fields are kept as they came. */
export type AnthropicRequest = z.output<typeof anthropicRequestSchema>;
export type AnthropicMessage = AnthropicRequest['messages'][number];
export type AnthropicTool = NonNullable<AnthropicRequest['tools']>[number];
