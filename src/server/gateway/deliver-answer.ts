/**
 * Answers the client with an answer Podium already holds in full (a cascade tier's, a validated
 * structured output): as JSON, or — when the client asked for a stream — as the stream it would have
 * received, re-encoded part by part in its own protocol and sent at once.
 */
import type { ChatResult, StreamPart } from '../../contract/index.js';
import { describeCall } from './attempt.js';
import type { SurfaceCodec } from './codec.js';
import type { GatewayCall } from './gateway-call.js';
import type { ResponseSink } from './response-sink.js';

export interface DeliverAnswerOptions {
  call: GatewayCall;
  sink: ResponseSink;
  surface: SurfaceCodec;
  result: ChatResult;
  /** Extra response headers (`x-podium-route`, …) besides the call's own. */
  headers?: Readonly<Record<string, string>>;
}

/** Sends `result` in the client's protocol and shape; the call's status becomes 200. */
export function deliverAnswer(options: DeliverAnswerOptions): void {
  const { call, sink, surface, result } = options;
  const translation = surface.translation;
  if (!translation) throw new Error(`${surface.surface} answers cannot be re-encoded`);
  const alias = call.requestedModel ?? result.model;
  const headers = { ...describeCall(call), ...options.headers };
  call.status = 200;
  if (!call.stream) {
    sink.send(200, JSON.stringify(translation.encodeResult(result, alias)), headers);
    return;
  }
  const encoder = translation.createStreamEncoder(alias, call.body);
  sink.startStream(200, headers);
  sink.write(
    resultToStreamParts(result)
      .map((part) => encoder.encode(part))
      .join(''),
  );
  sink.end();
}

/** The parts a provider would have streamed for this answer. */
export function resultToStreamParts(result: ChatResult): StreamPart[] {
  const parts: StreamPart[] = [{ type: 'response-start', id: result.id, model: result.model }];
  let toolIndex = 0;
  for (const part of result.content) {
    if (part.type === 'text') parts.push({ type: 'text-delta', text: part.text });
    else {
      parts.push({ type: 'tool-call-start', index: toolIndex, id: part.id, name: part.name });
      parts.push({ type: 'tool-call-delta', index: toolIndex, argumentsDelta: part.arguments });
      toolIndex += 1;
    }
  }
  parts.push({ type: 'response-end', finishReason: result.finishReason, usage: result.usage });
  return parts;
}
