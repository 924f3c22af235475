/** Anthropic Messages body → canonical ChatRequest, for calls translated to another protocol. */
import {
  PodiumError,
  type AssistantPart,
  type ChatMessage,
  type ChatRequest,
  type ToolChoice,
  type ToolDefinition,
  type ToolResultPart,
  type UserPart,
} from '../../../contract/index.js';
import { toDataUrl } from '../shared/data-url.js';
import { asRecord } from '../shared/record.js';
import {
  isKnownBlock,
  type AnthropicKnownBlock,
  type AnthropicMessage,
  type AnthropicRequest,
} from './request-schema.js';

const unsupported = (what: string, param: string): PodiumError =>
  new PodiumError('unsupported', `${what} cannot be translated for this model's provider.`, { param });

type Block = Exclude<AnthropicMessage['content'], string>[number];

function imageUrl(block: Extract<AnthropicKnownBlock, { type: 'image' }>, param: string): string {
  const source = block.source;
  if (source.type === 'base64') return toDataUrl({ mediaType: source.media_type, data: source.data });
  if (source.type === 'url') return source.url;
  throw unsupported('An image from the Files API', param);
}

/** Tool results are text in the canonical model; text blocks are joined, anything else refused. */
function toolResultText(block: Extract<AnthropicKnownBlock, { type: 'tool_result' }>, param: string): string {
  const content = block.content;
  if (content === undefined) return '';
  if (typeof content === 'string') return content;
  return content
    .map((part, index) => {
      if (part.type === 'text' && typeof part.text === 'string') return part.text;
      throw unsupported(`A tool result block of type '${part.type}'`, `${param}.content.${index}`);
    })
    .join('');
}

/** A user turn may hold tool results (which become a tool turn, placed first) and new user content. */
function userTurn(blocks: readonly Block[], param: string): ChatMessage[] {
  const results: ToolResultPart[] = [];
  const parts: UserPart[] = [];
  blocks.forEach((block, index) => {
    const at = `${param}.${index}`;
    if (!isKnownBlock(block)) throw unsupported(`A content block of type '${block.type}'`, at);
    if (block.type === 'text') parts.push({ type: 'text', text: block.text });
    else if (block.type === 'image') parts.push({ type: 'image', url: imageUrl(block, at) });
    else if (block.type === 'tool_result') {
      const result: ToolResultPart = {
        type: 'tool-result',
        toolCallId: block.tool_use_id,
        content: toolResultText(block, at),
      };
      if (block.is_error) result.isError = true;
      results.push(result);
    } else throw unsupported('A tool_use block in a user turn', at);
  });
  const turns: ChatMessage[] = [];
  if (results.length > 0) turns.push({ role: 'tool', content: results });
  if (parts.length > 0) turns.push({ role: 'user', content: parts });
  return turns;
}

// Thinking blocks only mean something to Anthropic and cannot cross to another provider.
const droppedAssistantBlocks: ReadonlySet<string> = new Set(['thinking', 'redacted_thinking']);

function assistantTurn(blocks: readonly Block[], param: string): ChatMessage {
  const parts: AssistantPart[] = [];
  blocks.forEach((block, index) => {
    if (droppedAssistantBlocks.has(block.type)) return;
    if (!isKnownBlock(block) || (block.type !== 'text' && block.type !== 'tool_use')) {
      throw unsupported(`A content block of type '${block.type}' in an assistant turn`, `${param}.${index}`);
    }
    if (block.type === 'text') parts.push({ type: 'text', text: block.text });
    else parts.push({ type: 'tool-call', id: block.id, name: block.name, arguments: JSON.stringify(block.input) });
  });
  return { role: 'assistant', content: parts };
}

function convertMessages(messages: AnthropicRequest['messages']): ChatMessage[] {
  return messages.flatMap((message, index): ChatMessage[] => {
    const param = `messages.${index}.content`;
    if (typeof message.content === 'string') {
      return [
        message.role === 'user'
          ? { role: 'user', content: [{ type: 'text', text: message.content }] }
          : { role: 'assistant', content: [{ type: 'text', text: message.content }] },
      ];
    }
    return message.role === 'user' ? userTurn(message.content, param) : [assistantTurn(message.content, param)];
  });
}

function convertTools(tools: NonNullable<AnthropicRequest['tools']>): ToolDefinition[] {
  return tools.map((tool, index) => {
    // Validation let server tools (a versioned `type`, no input_schema) through for pass-through calls.
    const parameters = asRecord(tool.input_schema);
    if (parameters === undefined || (tool.type !== undefined && tool.type !== 'custom')) {
      throw unsupported(`The server tool '${String(tool.type)}'`, `tools.${index}`);
    }
    const definition: ToolDefinition = { name: tool.name, parameters };
    if (typeof tool.description === 'string') definition.description = tool.description;
    return definition;
  });
}

function convertToolChoice(choice: NonNullable<AnthropicRequest['tool_choice']>): ToolChoice {
  switch (choice.type) {
    case 'auto':
      return 'auto';
    case 'any':
      return 'required';
    case 'none':
      return 'none';
    case 'tool':
      return { name: choice.name };
  }
}

/**
 * Maps a validated Messages body to the canonical request. `top_k`, `thinking` and `cache_control`
 * markers have no canonical form and are left behind: they tune, but do not change, the answer asked for.
 */
export function toChatRequest(body: AnthropicRequest): ChatRequest {
  const request: ChatRequest = {
    model: body.model,
    messages: convertMessages(body.messages),
    maxTokens: body.max_tokens,
  };
  if (body.system !== undefined) {
    const system = typeof body.system === 'string' ? body.system : body.system.map((block) => block.text).join('\n\n');
    if (system !== '') request.system = system;
  }
  if (body.tools && body.tools.length > 0) request.tools = convertTools(body.tools);
  if (body.tool_choice) request.toolChoice = convertToolChoice(body.tool_choice);
  if (body.temperature !== undefined) request.temperature = body.temperature;
  if (body.top_p !== undefined) request.topP = body.top_p;
  if (body.stop_sequences !== undefined) request.stop = body.stop_sequences;
  if (typeof body.metadata?.user_id === 'string') request.user = body.metadata.user_id;
  const format = body.output_config?.format ?? body.output_format;
  if (format) request.responseFormat = { type: 'json_schema', name: 'response', schema: format.schema };
  return request;
}
