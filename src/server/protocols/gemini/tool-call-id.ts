import { randomUUID } from 'node:crypto';

/**
 * Gemini function calls usually carry no id, while OpenAI and Anthropic clients need one to answer
 * the call; Podium makes one up. Injected in tests for stable output.
 */
export type ToolCallIdGenerator = () => string;

export const randomToolCallId: ToolCallIdGenerator = () => `call_${randomUUID().replaceAll('-', '').slice(0, 24)}`;
