/** Reading and extending message content in either of its forms: a string, or an array of parts. */
import type { Message } from './conversation-dialect.js';

/** The text of a content value made of a string or text parts; other parts shown by their type. */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part: unknown) => {
      if (part === null || typeof part !== 'object') return '';
      const { type, text } = part as { type?: unknown; text?: unknown };
      return typeof text === 'string' ? text : `[${String(type)}]`;
    })
    .join(' ');
}

/** Puts `text` first in a user message's content, keeping the content's form (string or parts). */
export function prefixContent(message: Message, text: string): Message {
  const content = message.content;
  if (typeof content === 'string') return { ...message, content: `${text}\n\n${content}` };
  return { ...message, content: [{ type: 'text', text }, ...(Array.isArray(content) ? (content as unknown[]) : [])] };
}
