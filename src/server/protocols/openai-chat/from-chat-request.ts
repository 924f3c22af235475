/** Canonical ChatRequest → the body sent to an OpenAI or OpenAI-compatible `/chat/completions` upstream. */
import type {
  AssistantPart,
  ChatMessage,
  ChatRequest,
  ResponseFormat,
  ToolChoice,
  UserPart,
} from '../../../contract/index.js';

export interface OpenAIChatBodyOptions {
  stream: boolean;
  /**
   * OpenAI's reasoning models refuse `max_tokens` ("Use 'max_completion_tokens' instead"), while some
   * older compatible servers know only `max_tokens`; the provider adapter picks. Default: `max_completion_tokens`.
   */
  maxTokensField?: 'max_tokens' | 'max_completion_tokens';
}

type OpenAIContentPart = { type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } };

function userContent(parts: readonly UserPart[]): string | OpenAIContentPart[] {
  const only = parts[0];
  if (parts.length === 1 && only?.type === 'text') return only.text;
  return parts.map((part) =>
    part.type === 'text' ? { type: 'text', text: part.text } : { type: 'image_url', image_url: { url: part.url } },
  );
}

function assistantMessage(parts: readonly AssistantPart[]): Record<string, unknown> {
  let text = '';
  const toolCalls: Array<{ id: string; type: 'function'; function: { name: string; arguments: string } }> = [];
  for (const part of parts) {
    if (part.type === 'text') text += part.text;
    else toolCalls.push({ id: part.id, type: 'function', function: { name: part.name, arguments: part.arguments } });
  }
  // OpenAI wants `content: null` (not "") beside tool calls with no text.
  const message: Record<string, unknown> = {
    role: 'assistant',
    content: text === '' && toolCalls.length > 0 ? null : text,
  };
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  return message;
}

function convertMessage(message: ChatMessage): Array<Record<string, unknown>> {
  switch (message.role) {
    case 'user':
      return [{ role: 'user', content: userContent(message.content) }];
    case 'assistant':
      return [assistantMessage(message.content)];
    case 'tool':
      // OpenAI has no error flag on tool results; the content carries the error text as written.
      return message.content.map((result) => ({
        role: 'tool',
        tool_call_id: result.toolCallId,
        content: result.content,
      }));
  }
}

function convertToolChoice(choice: ToolChoice): unknown {
  return typeof choice === 'string' ? choice : { type: 'function', function: { name: choice.name } };
}

function convertResponseFormat(format: ResponseFormat): unknown {
  if (format.type !== 'json_schema') return { type: format.type };
  const jsonSchema: Record<string, unknown> = { name: format.name, schema: format.schema };
  if (format.strict !== undefined) jsonSchema.strict = format.strict;
  return { type: 'json_schema', json_schema: jsonSchema };
}

/** Builds the chat completions body; when streaming, asks for the final usage chunk (`stream_options.include_usage`). */
export function fromChatRequest(request: ChatRequest, options: OpenAIChatBodyOptions): Record<string, unknown> {
  const messages: Array<Record<string, unknown>> = [];
  if (request.system !== undefined) messages.push({ role: 'system', content: request.system });
  for (const message of request.messages) messages.push(...convertMessage(message));
  const body: Record<string, unknown> = { model: request.model, messages };
  if (request.tools && request.tools.length > 0) {
    body.tools = request.tools.map((tool) => ({
      type: 'function',
      function: {
        name: tool.name,
        ...(tool.description === undefined ? {} : { description: tool.description }),
        parameters: tool.parameters,
      },
    }));
  }
  if (request.toolChoice !== undefined) body.tool_choice = convertToolChoice(request.toolChoice);
  if (request.maxTokens !== undefined) body[options.maxTokensField ?? 'max_completion_tokens'] = request.maxTokens;
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.stop !== undefined) body.stop = request.stop;
  if (request.responseFormat !== undefined) body.response_format = convertResponseFormat(request.responseFormat);
  if (request.user !== undefined) body.user = request.user;
  if (options.stream) {
    body.stream = true;
    body.stream_options = { include_usage: true };
  }
  return body;
}
