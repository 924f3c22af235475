/** What a shadow sends: the client's own request, to the reference, whole; and the conversation a judge reads. */

/** The client's request body with `model` set to the reference and streaming off (the answer is read in full). */
export function shadowRequest(body: Readonly<Record<string, unknown>>, reference: string): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...body, model: reference, stream: false };
  // OpenAI refuses stream_options on a non-streamed request.
  delete copy.stream_options;
  return copy;
}

/** Judges read at most this much of the conversation: its end, where the question is. */
const maxConversationCharacters = 16_000;

/**
 * The conversation as `role: text` lines (OpenAI chat or Anthropic messages, the surfaces that are
 * sampled), the system prompt first; images and tool results are left out.
 */
export function conversationText(body: Readonly<Record<string, unknown>>): string {
  const lines: string[] = [];
  const system = contentText(body.system);
  if (system.length > 0) lines.push(`system: ${system}`);
  const messages: unknown[] = Array.isArray(body.messages) ? body.messages : [];
  for (const message of messages) {
    if (message === null || typeof message !== 'object') continue;
    const { role, content } = message as { role?: unknown; content?: unknown };
    const text = contentText(content);
    if (text.length > 0) lines.push(`${typeof role === 'string' ? role : 'user'}: ${text}`);
  }
  const text = lines.join('\n');
  return text.length > maxConversationCharacters ? `…${text.slice(-maxConversationCharacters)}` : text;
}

function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .flatMap((part: unknown) => {
      const { type, text } = (part ?? {}) as { type?: unknown; text?: unknown };
      return type === 'text' && typeof text === 'string' ? [text] : [];
    })
    .join('\n');
}
