/**
 * Cross-protocol calls (an OpenAI client reaching an Anthropic model, and so on): the body is
 * decoded into the internal chat contract, encoded for the provider, and the answer — whole or
 * streamed part by part — is encoded back into the client's protocol.
 */
import { SseParser } from '../protocols/index.js';
import { PodiumError, type ChatResult, type StreamPart, type Usage } from '../../contract/index.js';
import { describeCall, sendUpstream, type AttemptContext } from './attempt.js';
import type { UpstreamChatCodec } from './codec.js';
import { useUsage } from './estimate-usage.js';
import { parseJsonOrUndefined, readUpstreamBody } from './read-upstream-body.js';
import { RelayedText } from './relayed-text.js';
import { StreamInterruptedError, unreadableStream } from './stream-interrupted-error.js';
import { StreamStart } from './stream-start.js';

/**
 * Decoders fill a missing (or refused) usage with zeros; no real chat call reads zero prompt tokens,
 * so all-zero usage is treated as none and the call is estimated.
 */
const reportedUsage = (usage: Usage | undefined): Usage | undefined =>
  usage === undefined || (usage.inputTokens === 0 && usage.outputTokens === 0) ? undefined : usage;

function relayedOf(result: ChatResult): RelayedText {
  const relayed = new RelayedText();
  for (const part of result.content) relayed.addText(part.type === 'text' ? part.text : part.arguments);
  return relayed;
}

export async function translate(context: AttemptContext, upstream: UpstreamChatCodec): Promise<void> {
  const { call, sink, surface, target } = context;
  const translation = surface.translation;
  if (!translation) {
    throw new PodiumError(
      'unsupported',
      `${surface.surface} calls cannot be served by ${target.provider.type} provider "${target.provider.name}"`,
      {
        param: 'model',
      },
    );
  }
  const request = translation.toChatRequest(call.body, target.model);
  const body = JSON.stringify(
    upstream.encodeRequest(request, { stream: call.stream, providerType: target.provider.type }),
  );
  const response = await sendUpstream(context, { operation: upstream.operation, body, stream: call.stream });
  const alias = call.requestedModel ?? target.model;

  if (!call.stream) {
    const started = context.now();
    let buffer: Buffer;
    try {
      buffer = await readUpstreamBody(response.body, {
        maxBytes: context.limits.maxBodyBytes,
        provider: target.provider.name,
      });
    } finally {
      call.upstreamMs += context.now() - started;
    }
    const json = parseJsonOrUndefined(buffer);
    if (json === undefined)
      throw new PodiumError('upstream_protocol_error', `${target.provider.name} returned a body that is not JSON`, {
        retryable: true,
      });
    const result = upstream.decodeResult(json);
    const reported = reportedUsage(result.usage);
    useUsage(call, { reported, relayed: reported === undefined ? relayedOf(result) : undefined });
    context.settle(call);
    call.status = 200;
    sink.send(200, JSON.stringify(translation.encodeResult(result, alias)), describeCall(call, response.headers));
    return;
  }

  const decoder = upstream.createStreamDecoder();
  const encoder = translation.createStreamEncoder(alias, call.body);
  const parser = new SseParser({ maxEventLength: context.limits.maxEventLength });
  const start = new StreamStart({ sink, status: 200, headers: () => describeCall(call, response.headers) });
  const relayed = new RelayedText();
  let reported: Usage | undefined;
  call.status = 200;
  const encode = (parts: readonly StreamPart[]): string => {
    let out = '';
    for (const part of parts) {
      if (part.type === 'response-end') reported = reportedUsage(part.usage);
      else if (part.type === 'text-delta') relayed.addText(part.text);
      else if (part.type === 'tool-call-delta') relayed.addText(part.argumentsDelta);
      out += encoder.encode(part);
    }
    return out;
  };
  try {
    for await (const chunk of response.body) {
      let text = '';
      for (const event of parser.push(chunk)) text += encode(decoder.decode(event));
      if (text.length > 0 && !start.write(text)) await sink.drain();
    }
    let rest = '';
    for (const event of parser.flush()) rest += encode(decoder.decode(event));
    if (!start.begun && rest.length === 0) {
      throw new PodiumError('upstream_error', `provider "${target.provider.name}" ended its stream without an event`, {
        status: 502,
        retryable: true,
      });
    }
    rest += encode(decoder.finish());
    if (rest.length > 0) start.write(rest);
    useUsage(call, { reported, relayed });
    context.settle(call);
    sink.end();
  } catch (error) {
    // Nothing reached the client yet: the executor may still retry or fall back, so nothing is settled.
    if (!start.begun) throw unreadableStream(error, target.provider.name);
    useUsage(call, { reported, relayed });
    context.settle(call);
    throw new StreamInterruptedError({ provider: target.provider.name, cause: error });
  }
}
