/**
 * OpenAI chat body → canonical ChatRequest, for calls that must be translated to another protocol.
 * Same-protocol calls never come here: they are forwarded byte for byte.
 */
import {
  PodiumError,
  type AssistantPart,
  type ChatMessage,
  type ChatRequest,
  type ResponseFormat,
  type ToolChoice,
  type ToolDefinition,
  type ToolResultPart,
  type UserPart,
} from '../../../contract/index.js';
import type { OpenAIChatMessage, OpenAIChatRequest } from './request-schema.js';

type TextContent = string | ReadonlyArray<{ text: string }>;

const joinText = (content: TextContent): string =>
  typeof content === 'string' ? content : content.map((part) => part.text).join('');

const unsupported = (what: string, param: string): PodiumError =>
  new PodiumError('unsupported', `${what} cannot be translated for this model's provider.`, { param });

function userParts(message: Extract<OpenAIChatMessage, { role: 'user' }>, index: number): UserPart[] {
  if (typeof message.content === 'string') return [{ type: 'text', text: message.content }];
  return message.content.map((part, partIndex): UserPart => {
    if (part.type === 'text') return { type: 'text', text: part.text };
    if (part.type === 'image_url') return { type: 'image', url: part.image_url.url };
    throw unsupported(`A content part of type '${part.type}'`, `messages[${index}].content[${partIndex}]`);
  });
}

function assistantParts(message: Extract<OpenAIChatMessage, { role: 'assistant' }>): AssistantPart[] {
  const parts: AssistantPart[] = [];
  const content = message.content;
  if (typeof content === 'string') {
    if (content !== '') parts.push({ type: 'text', text: content });
  } else if (content) {
    for (const part of content) parts.push({ type: 'text', text: part.type === 'text' ? part.text : part.refusal });
  }
  for (const call of message.tool_calls ?? []) {
    parts.push({ type: 'tool-call', id: call.id, name: call.function.name, arguments: call.function.arguments });
  }
  return parts;
}

/**
 * Converts messages. System and developer messages, wherever they appear, are hoisted into
 * `system` (joined by a blank line): the other protocols take one system prompt, outside the turns.
 * Consecutive tool messages become one tool turn, the shape Anthropic and Gemini need.
 */
function convertMessages(messages: OpenAIChatRequest['messages']): {
  system: string | undefined;
  messages: ChatMessage[];
} {
  const system: string[] = [];
  const converted: ChatMessage[] = [];
  messages.forEach((message, index) => {
    switch (message.role) {
      case 'system':
      case 'developer':
        system.push(joinText(message.content));
        return;
      case 'user':
        converted.push({ role: 'user', content: userParts(message, index) });
        return;
      case 'assistant':
        converted.push({ role: 'assistant', content: assistantParts(message) });
        return;
      case 'tool': {
        const result: ToolResultPart = {
          type: 'tool-result',
          toolCallId: message.tool_call_id,
          content: joinText(message.content),
        };
        const previous = converted[converted.length - 1];
        if (previous?.role === 'tool') previous.content.push(result);
        else converted.push({ role: 'tool', content: [result] });
      }
    }
  });
  return { system: system.length > 0 ? system.join('\n\n') : undefined, messages: converted };
}

function convertTools(tools: NonNullable<OpenAIChatRequest['tools']>): ToolDefinition[] {
  return tools.map((tool, index) => {
    if (tool.type !== 'function') throw unsupported(`A tool of type '${tool.type}'`, `tools[${index}]`);
    const { name, description, parameters } = tool.function;
    const definition: ToolDefinition = { name, parameters: parameters ?? { type: 'object', properties: {} } };
    if (description) definition.description = description;
    return definition;
  });
}

function convertToolChoice(choice: NonNullable<OpenAIChatRequest['tool_choice']>): ToolChoice {
  if (typeof choice === 'string') return choice;
  if (choice.type === 'function' && 'function' in choice) return { name: choice.function.name };
  throw unsupported(`A tool_choice of type '${choice.type}'`, 'tool_choice');
}

function convertResponseFormat(format: NonNullable<OpenAIChatRequest['response_format']>): ResponseFormat {
  if (format.type !== 'json_schema') return { type: format.type };
  const { name, schema, strict } = format.json_schema;
  const converted: ResponseFormat = { type: 'json_schema', name, schema: schema ?? {} };
  if (typeof strict === 'boolean') converted.strict = strict;
  return converted;
}

/** Maps a validated OpenAI chat body to the canonical request; throws `unsupported` for what has no canonical form. */
export function toChatRequest(body: OpenAIChatRequest): ChatRequest {
  if (typeof body.n === 'number' && body.n > 1) throw unsupported('More than one choice (n > 1)', 'n');
  const { system, messages } = convertMessages(body.messages);
  const request: ChatRequest = { model: body.model, messages };
  if (system !== undefined) request.system = system;
  if (body.tools && body.tools.length > 0) request.tools = convertTools(body.tools);
  if (body.tool_choice) request.toolChoice = convertToolChoice(body.tool_choice);
  const maxTokens = body.max_completion_tokens ?? body.max_tokens;
  if (typeof maxTokens === 'number') request.maxTokens = maxTokens;
  if (typeof body.temperature === 'number') request.temperature = body.temperature;
  if (typeof body.top_p === 'number') request.topP = body.top_p;
  if (body.stop !== undefined && body.stop !== null)
    request.stop = typeof body.stop === 'string' ? [body.stop] : body.stop;
  if (body.response_format) request.responseFormat = convertResponseFormat(body.response_format);
  if (typeof body.user === 'string') request.user = body.user;
  return request;
}
