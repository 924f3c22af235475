/**
 * The conversation of a chat request as the semantic cache compares it: the system prompt (matched
 * exactly, as part of the partition) and every turn with its role (roles in the partition, wording
 * embedded). Images, audio, files and item types this reader does not know make the request
 * ineligible rather than half-read: two questions about different pictures must never match.
 */
import type { Surface } from '../../contract/index.js';

export interface ConversationTurn {
  role: string;
  text: string;
}

export interface Conversation {
  system: string;
  turns: ConversationTurn[];
}

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
const stringOf = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** Thrown inside the readers for content the semantic cache must not guess at. */
class Ineligible extends Error {}

function toolCallText(name: unknown, argumentsValue: unknown): string {
  const args = typeof argumentsValue === 'string' ? argumentsValue : JSON.stringify(argumentsValue ?? {});
  return `${String(name)}(${args})`;
}

/** Text of a content value: a string or a list of parts whose text-bearing kinds are known. */
function contentText(content: unknown): string {
  if (content === null || content === undefined) return '';
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) throw new Ineligible();
  return content.map((part) => partText(part)).join('\n');
}

function partText(part: unknown): string {
  if (!isRecord(part)) throw new Ineligible();
  switch (part.type) {
    case 'text':
    case 'input_text':
    case 'output_text':
      return stringOf(part.text) ?? '';
    case 'refusal':
      return stringOf(part.refusal) ?? '';
    case 'tool_use':
      return toolCallText(part.name, part.input);
    case 'tool_result':
      return contentText(part.content);
    case 'thinking':
    case 'redacted_thinking':
      // The model's own scratch work: not part of what was asked.
      return '';
    default:
      throw new Ineligible();
  }
}

function openAIChat(body: Json): Conversation {
  if (!Array.isArray(body.messages)) throw new Ineligible();
  const system: string[] = [];
  const turns: ConversationTurn[] = [];
  for (const message of body.messages) {
    if (!isRecord(message)) throw new Ineligible();
    const role = stringOf(message.role) ?? '';
    const text = contentText(message.content);
    if (role === 'system' || role === 'developer') {
      system.push(text);
      continue;
    }
    const calls = Array.isArray(message.tool_calls) ? message.tool_calls : [];
    const callText = calls.map((call) =>
      isRecord(call) && isRecord(call.function) ? toolCallText(call.function.name, call.function.arguments) : '',
    );
    turns.push({ role, text: [text, ...callText].filter((line) => line !== '').join('\n') });
  }
  return { system: system.join('\n'), turns };
}

function anthropicMessages(body: Json): Conversation {
  if (!Array.isArray(body.messages)) throw new Ineligible();
  const turns = body.messages.map((message): ConversationTurn => {
    if (!isRecord(message)) throw new Ineligible();
    return { role: stringOf(message.role) ?? '', text: contentText(message.content) };
  });
  return { system: contentText(body.system), turns };
}

function responsesItem(item: unknown): ConversationTurn {
  if (!isRecord(item)) throw new Ineligible();
  if (item.type === undefined || item.type === 'message')
    return { role: stringOf(item.role) ?? '', text: contentText(item.content) };
  if (item.type === 'function_call') return { role: 'assistant', text: toolCallText(item.name, item.arguments) };
  if (item.type === 'function_call_output')
    return { role: 'tool', text: stringOf(item.output) ?? JSON.stringify(item.output) };
  throw new Ineligible();
}

function openAIResponses(body: Json): Conversation {
  // A continuation's earlier turns live at the provider: what is in the body is not the whole conversation.
  if (body.previous_response_id !== undefined && body.previous_response_id !== null) throw new Ineligible();
  const system = stringOf(body.instructions) ?? '';
  if (typeof body.input === 'string') return { system, turns: [{ role: 'user', text: body.input }] };
  if (!Array.isArray(body.input)) throw new Ineligible();
  return { system, turns: body.input.map((item) => responsesItem(item)) };
}

/** The conversation of a chat request, or undefined when it cannot be compared by meaning. */
export function readConversation(surface: Surface, body: Record<string, unknown>): Conversation | undefined {
  try {
    if (surface === 'openai-chat') return openAIChat(body);
    if (surface === 'anthropic-messages') return anthropicMessages(body);
    if (surface === 'openai-responses') return openAIResponses(body);
    return undefined;
  } catch (error) {
    if (error instanceof Ineligible) return undefined;
    throw error;
  }
}

/** What is embedded: the turns' wording (roles and system prompt are matched exactly elsewhere). */
export function conversationText(conversation: Conversation): string {
  return conversation.turns.map((turn) => turn.text).join('\n\n');
}
