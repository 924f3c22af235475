/**
 * The places in a request body where people write text that goes to the model: message content
 * (strings and text parts), system prompts and instructions, tool results and the arguments of
 * earlier tool calls, embeddings input, and the `user` field. Not scanned: images and files (base64
 * data, URLs), tool definitions and JSON schemas, and thinking/reasoning blocks, whose signatures
 * would break if their text changed.
 */
import type { Surface } from '../../../contract/index.js';

/** One string in the body, and how to put a rewritten one back. */
export interface TextSlot {
  /** Dotted path for messages (`messages.0.content`); never includes the value. */
  path: string;
  text: string;
  /** The object or array holding the string, and its key. */
  owner: Record<string, unknown> | unknown[];
  key: string | number;
}

type Visit = (owner: Record<string, unknown> | unknown[], key: string | number, path: string) => void;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every scannable string of a validated request body on `surface`. */
export function requestTexts(surface: Surface, body: Record<string, unknown>): TextSlot[] {
  const slots: TextSlot[] = [];
  const visit: Visit = (owner, key, path) => {
    const value = (owner as Record<string | number, unknown>)[key];
    if (typeof value === 'string' && value.length > 0) slots.push({ path, text: value, owner, key });
  };
  visit(body, 'user', 'user');
  if (surface === 'openai-chat') openAIChat(body, visit);
  else if (surface === 'anthropic-messages') anthropic(body, visit);
  else if (surface === 'openai-responses') responses(body, visit);
  else embeddings(body, visit);
  return slots;
}

/** A string, or an array of parts (see `parts`). */
function content(owner: Record<string, unknown>, path: string, visit: Visit): void {
  const value = owner.content;
  if (typeof value === 'string') visit(owner, 'content', `${path}.content`);
  else if (Array.isArray(value)) parts(value, `${path}.content`, visit);
}

/** Parts whose text sits under `text` (types `text`, `input_text`, `output_text`), tool results and tool-use input. */
function parts(list: readonly unknown[], path: string, visit: Visit): void {
  list.forEach((part, index) => {
    if (!isRecord(part)) return;
    const partPath = `${path}.${index}`;
    if (part.type === 'text' || part.type === 'input_text' || part.type === 'output_text')
      visit(part, 'text', `${partPath}.text`);
    else if (part.type === 'tool_result') content(part, partPath, visit);
    else if (part.type === 'tool_use' && isRecord(part.input)) strings(part.input, `${partPath}.input`, visit);
  });
}

/** Every string inside a JSON value (tool-use input). */
function strings(owner: Record<string, unknown> | unknown[], path: string, visit: Visit): void {
  const entries: [string | number, unknown][] = Array.isArray(owner)
    ? owner.map((value, index) => [index, value])
    : Object.entries(owner);
  for (const [key, value] of entries) {
    if (typeof value === 'string') visit(owner, key, `${path}.${key}`);
    else if (typeof value === 'object' && value !== null)
      strings(value as Record<string, unknown> | unknown[], `${path}.${key}`, visit);
  }
}

function openAIChat(body: Record<string, unknown>, visit: Visit): void {
  if (!Array.isArray(body.messages)) return;
  body.messages.forEach((message, index) => {
    if (!isRecord(message)) return;
    const path = `messages.${index}`;
    content(message, path, visit);
    if (!Array.isArray(message.tool_calls)) return;
    message.tool_calls.forEach((call, callIndex) => {
      if (isRecord(call) && isRecord(call.function))
        visit(call.function, 'arguments', `${path}.tool_calls.${callIndex}.function.arguments`);
    });
  });
}

function anthropic(body: Record<string, unknown>, visit: Visit): void {
  if (typeof body.system === 'string') visit(body, 'system', 'system');
  else if (Array.isArray(body.system)) parts(body.system, 'system', visit);
  if (!Array.isArray(body.messages)) return;
  body.messages.forEach((message, index) => {
    if (isRecord(message)) content(message, `messages.${index}`, visit);
  });
}

function responses(body: Record<string, unknown>, visit: Visit): void {
  visit(body, 'instructions', 'instructions');
  if (typeof body.input === 'string') return visit(body, 'input', 'input');
  if (!Array.isArray(body.input)) return;
  body.input.forEach((item, index) => {
    if (!isRecord(item)) return;
    const path = `input.${index}`;
    if (item.type === 'function_call_output') visit(item, 'output', `${path}.output`);
    else if (item.type === 'function_call') visit(item, 'arguments', `${path}.arguments`);
    else if (item.type === undefined || item.type === 'message') content(item, path, visit);
  });
}

function embeddings(body: Record<string, unknown>, visit: Visit): void {
  if (typeof body.input === 'string') return visit(body, 'input', 'input');
  if (Array.isArray(body.input))
    body.input.forEach((_, index) => visit(body.input as unknown[], index, `input.${index}`));
}

/** Puts a rewritten string back where it was found. */
export function writeSlot(slot: TextSlot, text: string): void {
  (slot.owner as Record<string | number, unknown>)[slot.key] = text;
}
