/**
 * The structural promises of compression, checked on its output: the system prompt and the last
 * `keepLastMessages` messages are kept as they were, and every tool result still follows the call
 * it answers (no conversation opens with an orphan result).
 */
type Body = Readonly<Record<string, unknown>>;
type Message = Readonly<Record<string, unknown>>;

const messagesOf = (body: Body): Message[] => (Array.isArray(body.messages) ? (body.messages as Message[]) : []);
const blocks = (message: Message): Record<string, unknown>[] =>
  Array.isArray(message.content) ? (message.content as Record<string, unknown>[]) : [];

function callIds(message: Message): string[] {
  const openAI = Array.isArray(message.tool_calls)
    ? (message.tool_calls as { id: string }[]).map((call) => call.id)
    : [];
  return [
    ...openAI,
    ...blocks(message)
      .filter((block) => block.type === 'tool_use')
      .map((block) => String(block.id)),
  ];
}

function resultIds(message: Message): string[] {
  if (message.role === 'tool') return [String(message.tool_call_id)];
  return blocks(message)
    .filter((block) => block.type === 'tool_result')
    .map((block) => String(block.tool_use_id));
}

/** Descriptions of every broken promise; empty when the compressed request is sound. */
export function structureViolations(input: {
  original: Body;
  compressed: Body;
  surface: string;
  keepLastMessages: number;
}): string[] {
  const problems: string[] = [];
  const original = messagesOf(input.original);
  const compressed = messagesOf(input.compressed);
  if (JSON.stringify(input.original.system) !== JSON.stringify(input.compressed.system))
    problems.push('system field changed');
  for (const message of original.filter((candidate) => candidate.role === 'system' || candidate.role === 'developer')) {
    if (!compressed.includes(message)) problems.push('a system message was dropped');
  }
  const tail = original.slice(-input.keepLastMessages);
  if (JSON.stringify(compressed.slice(-tail.length)) !== JSON.stringify(tail))
    problems.push(`the last ${input.keepLastMessages} messages changed`);
  const called = new Set<string>();
  for (const message of compressed) {
    for (const id of resultIds(message)) if (!called.has(id)) problems.push(`tool result ${id} without its call`);
    for (const id of callIds(message)) called.add(id);
  }
  const first = compressed.find((message) => message.role !== 'system' && message.role !== 'developer');
  if (input.surface === 'anthropic-messages' && first?.role !== 'user')
    problems.push('Anthropic conversation does not open with the user');
  return problems;
}
