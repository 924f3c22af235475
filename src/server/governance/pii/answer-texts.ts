/**
 * The answer's text in a complete (non-streamed) response body, per client surface. Tool-call
 * arguments are left alone: rewriting them could break the JSON a client is about to execute.
 */
import type { Surface } from '../../../contract/index.js';
import type { TextSlot } from './request-texts.js';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const slot = (owner: Record<string, unknown>, key: string, path: string): TextSlot[] => {
  const text = owner[key];
  return typeof text === 'string' && text.length > 0 ? [{ path, text, owner, key }] : [];
};

const records = (value: unknown): Record<string, unknown>[] => (Array.isArray(value) ? value.filter(isRecord) : []);

/** Every answer string of a response body on `surface` (none for embeddings). */
export function answerTexts(surface: Surface, body: unknown): TextSlot[] {
  if (!isRecord(body)) return [];
  if (surface === 'openai-chat') {
    return records(body.choices).flatMap((choice, index) =>
      isRecord(choice.message) ? slot(choice.message, 'content', `choices.${index}.message.content`) : [],
    );
  }
  if (surface === 'anthropic-messages') {
    return records(body.content).flatMap((block, index) =>
      block.type === 'text' ? slot(block, 'text', `content.${index}.text`) : [],
    );
  }
  if (surface === 'openai-responses') return responseOutputTexts(body.output);
  return [];
}

/** The `output_text` parts of a Responses `output` array (also inside `response.completed` events). */
export function responseOutputTexts(output: unknown): TextSlot[] {
  return records(output).flatMap((item, itemIndex) =>
    item.type === 'message' ? outputTextParts(item.content, `output.${itemIndex}.content`) : [],
  );
}

/** `output_text` parts of one message's `content`. */
export function outputTextParts(content: unknown, path: string): TextSlot[] {
  return records(content).flatMap((part, index) =>
    part.type === 'output_text' ? slot(part, 'text', `${path}.${index}.text`) : [],
  );
}
