/** Canonical ChatRequest → the body sent to Anthropic's `/v1/messages`. */
import type { ChatMessage, ChatRequest, ToolChoice } from '../../../contract/index.js';
import { parseDataUrl } from '../shared/data-url.js';
import { argumentsToObject } from '../shared/tool-arguments.js';

export interface AnthropicBodyOptions {
  stream: boolean;
  /**
   * Anthropic requires `max_tokens`; OpenAI and Gemini clients may omit it. The gateway passes its
   * configured default (4096 unless configured) so translated calls are never refused for it.
   */
  defaultMaxTokens: number;
}

type Block = Record<string, unknown>;
interface Turn {
  role: 'user' | 'assistant';
  content: Block[];
}

function imageBlock(url: string): Block {
  const inline = parseDataUrl(url);
  if (inline) return { type: 'image', source: { type: 'base64', media_type: inline.mediaType, data: inline.data } };
  return { type: 'image', source: { type: 'url', url } };
}

function blocksOf(message: ChatMessage): Block[] {
  switch (message.role) {
    case 'user':
      return message.content.map((part) =>
        part.type === 'text' ? { type: 'text', text: part.text } : imageBlock(part.url),
      );
    case 'assistant':
      return message.content.map((part) =>
        part.type === 'text'
          ? { type: 'text', text: part.text }
          : { type: 'tool_use', id: part.id, name: part.name, input: argumentsToObject(part.arguments) },
      );
    case 'tool':
      return message.content.map((result) => {
        const block: Block = { type: 'tool_result', tool_use_id: result.toolCallId, content: result.content };
        if (result.isError) block.is_error = true;
        return block;
      });
  }
}

/**
 * Tool results travel in a user turn, and Anthropic wants each tool turn's results together and
 * first: consecutive tool and user messages are merged into one user turn, in order.
 */
function toTurns(messages: readonly ChatMessage[]): Turn[] {
  const turns: Turn[] = [];
  for (const message of messages) {
    const role = message.role === 'assistant' ? 'assistant' : 'user';
    const blocks = blocksOf(message);
    const previous = turns[turns.length - 1];
    if (previous?.role === role) previous.content.push(...blocks);
    else turns.push({ role, content: blocks });
  }
  return turns;
}

/** A single text block is sent as a plain string, the form Anthropic's own examples use. */
function compact(turn: Turn): { role: string; content: string | Block[] } {
  const only = turn.content[0];
  if (turn.content.length === 1 && only?.type === 'text' && typeof only.text === 'string')
    return { role: turn.role, content: only.text };
  return turn;
}

function convertToolChoice(choice: ToolChoice): Block {
  if (typeof choice !== 'string') return { type: 'tool', name: choice.name };
  return { type: choice === 'required' ? 'any' : choice };
}

/**
 * Builds the Messages body. A `json_schema` response format becomes `output_config.format` (Anthropic's
 * structured outputs); `json_object` has no Messages equivalent and is not sent (schema enforcement,
 * when the alias opts in, still checks the answer). Temperature is capped at 1, Anthropic's maximum
 * (OpenAI allows up to 2).
 */
export function fromChatRequest(request: ChatRequest, options: AnthropicBodyOptions): Record<string, unknown> {
  const body: Record<string, unknown> = {
    model: request.model,
    max_tokens: request.maxTokens ?? options.defaultMaxTokens,
    messages: toTurns(request.messages).map(compact),
  };
  if (request.system !== undefined) body.system = request.system;
  if (request.tools && request.tools.length > 0) {
    body.tools = request.tools.map((tool) => ({
      name: tool.name,
      ...(tool.description === undefined ? {} : { description: tool.description }),
      input_schema: tool.parameters,
    }));
  }
  if (request.toolChoice !== undefined) body.tool_choice = convertToolChoice(request.toolChoice);
  if (request.temperature !== undefined) body.temperature = Math.min(request.temperature, 1);
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.stop !== undefined) body.stop_sequences = request.stop;
  if (request.user !== undefined) body.metadata = { user_id: request.user };
  if (request.responseFormat?.type === 'json_schema')
    body.output_config = { format: { type: 'json_schema', schema: request.responseFormat.schema } };
  if (options.stream) body.stream = true;
  return body;
}
