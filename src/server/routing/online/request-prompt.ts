/**
 * What a routing policy looks at in a request: the question (the last user message's text), a size
 * estimate and its shape. Read straight from the parsed body in one backwards pass: the decision
 * must cost microseconds, so no tokenizer here (characters ÷ 4 is close enough to rank by size).
 */
export interface RequestPrompt {
  /** The last user message's text (what offline routers were trained on: the question). */
  text: string;
  /** Estimated prompt tokens of the whole conversation: characters ÷ 4. */
  inputTokens: number;
  /** The request declares tools. */
  tools: boolean;
  /** The request asks for JSON output. */
  json: boolean;
}

/** Reads an OpenAI chat, Anthropic messages or OpenAI responses body. */
export function requestPrompt(body: Readonly<Record<string, unknown>>): RequestPrompt {
  let characters = textLength(body.system) + textLength(body.instructions);
  let text: string | undefined;
  const messages = Array.isArray(body.messages)
    ? body.messages
    : typeof body.input === 'string'
      ? [{ role: 'user', content: body.input }]
      : Array.isArray(body.input)
        ? body.input
        : [];
  for (let index = messages.length - 1; index >= 0; index -= 1) {
    const message = messages[index] as { role?: unknown; content?: unknown } | null;
    if (message === null || typeof message !== 'object') continue;
    characters += textLength(message.content);
    if (text === undefined && message.role === 'user') text = contentText(message.content);
  }
  const format = body.response_format as { type?: unknown } | undefined;
  const outputFormat = body.output_format as { type?: unknown } | undefined;
  return {
    text: text ?? '',
    inputTokens: Math.ceil(characters / 4),
    tools: Array.isArray(body.tools) && body.tools.length > 0,
    json: format?.type === 'json_schema' || format?.type === 'json_object' || outputFormat?.type === 'json_schema',
  };
}

function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  let text = '';
  for (const part of content as { type?: unknown; text?: unknown }[]) {
    if (typeof part?.text === 'string' && (part.type === 'text' || part.type === 'input_text'))
      text += (text ? '\n' : '') + part.text;
  }
  return text;
}

function textLength(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (Array.isArray(value)) return value.reduce((sum: number, item: unknown) => sum + textLength(item), 0);
  if (value !== null && typeof value === 'object') {
    const text = (value as { text?: unknown; content?: unknown }).text ?? (value as { content?: unknown }).content;
    return textLength(text);
  }
  return 0;
}
