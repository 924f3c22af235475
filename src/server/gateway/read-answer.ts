/**
 * The model's answer inside a captured response, in the canonical shape: a client-facing surface
 * speaks the same wire format as the upstream protocol it passes through to, so that protocol's
 * decoder reads it, whole or streamed.
 */
import {
  emptyUsage,
  type AssistantPart,
  type ChatResult,
  type FinishReason,
  type StreamPart,
  type Usage,
} from '../../contract/index.js';
import { SseParser } from '../protocols/index.js';
import type { CapturedResponse } from './captured-response.js';
import type { UpstreamChatCodec } from './codec.js';
import { parseJsonOrUndefined } from './read-upstream-body.js';

/** Undefined when the response is an error or not a chat answer this protocol can read. */
export function readAnswer(captured: CapturedResponse, protocol: UpstreamChatCodec): ChatResult | undefined {
  if (captured.error !== undefined || captured.status >= 400) return undefined;
  try {
    if (!captured.streamed) {
      const json = parseJsonOrUndefined(Buffer.from(captured.body));
      return json === undefined ? undefined : protocol.decodeResult(json);
    }
    const decoder = protocol.createStreamDecoder();
    const parser = new SseParser();
    const parts: StreamPart[] = [];
    for (const event of [...parser.push(Buffer.from(captured.body)), ...parser.flush()])
      parts.push(...decoder.decode(event));
    parts.push(...decoder.finish());
    return foldStreamParts(parts);
  } catch {
    return undefined;
  }
}

/** Reassembles a streamed answer; undefined when the stream never started. */
export function foldStreamParts(parts: readonly StreamPart[]): ChatResult | undefined {
  let id: string | undefined;
  let model = '';
  let text = '';
  const tools: { id: string; name: string; arguments: string }[] = [];
  let finishReason: FinishReason = 'other';
  let usage: Usage | undefined;
  for (const part of parts) {
    if (part.type === 'response-start') {
      id = part.id;
      model = part.model;
    } else if (part.type === 'text-delta') text += part.text;
    else if (part.type === 'tool-call-start') tools[part.index] = { id: part.id, name: part.name, arguments: '' };
    else if (part.type === 'tool-call-delta') {
      const tool = tools[part.index];
      if (tool) tool.arguments += part.argumentsDelta;
    } else {
      finishReason = part.finishReason;
      usage = part.usage;
    }
  }
  if (id === undefined) return undefined;
  const content: AssistantPart[] = [];
  if (text.length > 0) content.push({ type: 'text', text });
  for (const tool of tools) if (tool) content.push({ type: 'tool-call', ...tool });
  return { id, model, content, finishReason, usage: usage ?? emptyUsage() };
}

/** The answer's text, tool calls left out. */
export function answerText(result: ChatResult): string {
  return result.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
}
