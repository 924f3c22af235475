/**
 * The internal model contract used when a call must be translated between protocols
 * (an OpenAI client reaching an Anthropic model, and so on). Same-protocol calls never
 * pass through these types: they are forwarded byte for byte.
 */
import type { Usage } from './usage.js';

export interface TextPart {
  type: 'text';
  text: string;
}
export interface ImagePart {
  type: 'image';
  /** An https URL or a `data:` URL. */
  url: string;
}
export interface ToolCallPart {
  type: 'tool-call';
  id: string;
  name: string;
  /** JSON text of the arguments, exactly as the model produced it. */
  arguments: string;
}
export interface ToolResultPart {
  type: 'tool-result';
  toolCallId: string;
  content: string;
  isError?: boolean;
}

export type UserPart = TextPart | ImagePart;
export type AssistantPart = TextPart | ToolCallPart;

export type ChatMessage =
  | { role: 'user'; content: UserPart[] }
  | { role: 'assistant'; content: AssistantPart[] }
  | { role: 'tool'; content: ToolResultPart[] };

export interface ToolDefinition {
  name: string;
  description?: string;
  /** JSON Schema of the arguments object. */
  parameters: Record<string, unknown>;
}

export type ToolChoice = 'auto' | 'none' | 'required' | { name: string };

export type ResponseFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | { type: 'json_schema'; name: string; schema: Record<string, unknown>; strict?: boolean };

export interface ChatRequest {
  /** The provider's model id (already resolved from the alias the client asked for). */
  model: string;
  system?: string;
  messages: ChatMessage[];
  tools?: ToolDefinition[];
  toolChoice?: ToolChoice;
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  stop?: string[];
  responseFormat?: ResponseFormat;
  /** End-user id for abuse tracking (OpenAI `user`, Anthropic `metadata.user_id`). */
  user?: string;
}

export type FinishReason = 'stop' | 'length' | 'tool-calls' | 'content-filter' | 'other';

export interface ChatResult {
  id: string;
  /** The model that actually served, as the provider reports it. */
  model: string;
  content: AssistantPart[];
  finishReason: FinishReason;
  usage: Usage;
}

/** Stream parts: a discriminated union, noun-verb with start / delta / end. */
export type StreamPart =
  | { type: 'response-start'; id: string; model: string }
  | { type: 'text-delta'; text: string }
  | { type: 'tool-call-start'; index: number; id: string; name: string }
  | { type: 'tool-call-delta'; index: number; argumentsDelta: string }
  | { type: 'response-end'; finishReason: FinishReason; usage: Usage | undefined };
