/** Canonical ChatResult → the exact `chat.completion` body an OpenAI client expects. */
import type { ChatResult } from '../../../contract/index.js';
import { finishReasonToOpenAI, type OpenAIFinishReason } from './finish-reason.js';
import { usageToOpenAI, type OpenAIChatUsage } from './usage.js';

export interface OpenAIChatToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export interface OpenAIChatCompletionBody {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  choices: Array<{
    index: 0;
    message: {
      role: 'assistant';
      content: string | null;
      refusal: null;
      annotations: [];
      tool_calls?: OpenAIChatToolCall[];
    };
    logprobs: null;
    finish_reason: OpenAIFinishReason;
  }>;
  usage: OpenAIChatUsage;
}

export interface OpenAIChatResultOptions {
  /** The model name the client asked for (its alias), which OpenAI clients expect to see back. */
  model: string;
  /** Unix seconds; defaults to now. */
  created?: number;
}

/** Builds a `chat.completion` body from a canonical result. */
export function fromChatResult(result: ChatResult, options: OpenAIChatResultOptions): OpenAIChatCompletionBody {
  let text: string | null = null;
  const toolCalls: OpenAIChatToolCall[] = [];
  for (const part of result.content) {
    if (part.type === 'text') text = (text ?? '') + part.text;
    else toolCalls.push({ id: part.id, type: 'function', function: { name: part.name, arguments: part.arguments } });
  }
  const message: OpenAIChatCompletionBody['choices'][number]['message'] = {
    role: 'assistant',
    content: text,
    refusal: null,
    annotations: [],
  };
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  return {
    id: result.id,
    object: 'chat.completion',
    created: options.created ?? Math.floor(Date.now() / 1000),
    model: options.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: finishReasonToOpenAI(result.finishReason) }],
    usage: usageToOpenAI(result.usage),
  };
}
